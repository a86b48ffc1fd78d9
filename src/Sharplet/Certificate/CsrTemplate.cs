using System.Net;

namespace Sharplet.Certificate;

/// <summary>
/// What a kubelet certificate request asks for: the subject (CN system:node:&lt;name&gt;, O system:nodes), the
/// subject alternative names (serving certificates only), the signer and the key usages.
/// </summary>
internal sealed record CsrTemplate(
    string NodeName,
    string SignerName,
    IReadOnlyList<string> Usages,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<IPAddress> IpAddresses)
{
    public const string NodesGroup = "system:nodes";

    public string CommonName => "system:node:" + NodeName;

    /// <summary>The kubelet's client certificate (signer kubernetes.io/kube-apiserver-client-kubelet).</summary>
    public static CsrTemplate Client(string nodeName) => new(
        nodeName,
        Api.CertificateSigners.KubeApiServerClientKubelet,
        // Upstream's bootstrap and client certificate manager ask for exactly these three (the csrapproving
        // controller of 1.20 approves node client requests only with this set).
        [Api.CertificateSigners.UsageDigitalSignature, Api.CertificateSigners.UsageKeyEncipherment, Api.CertificateSigners.UsageClientAuth],
        [],
        []);

    /// <summary>The :10250 serving certificate (signer kubernetes.io/kubelet-serving), for the node's names and IPs.</summary>
    public static CsrTemplate Serving(string nodeName, IEnumerable<string> hostNames, IEnumerable<IPAddress> ips) => new(
        nodeName,
        Api.CertificateSigners.KubeletServing,
        [Api.CertificateSigners.UsageDigitalSignature, Api.CertificateSigners.UsageKeyEncipherment, Api.CertificateSigners.UsageServerAuth],
        hostNames.Distinct(StringComparer.Ordinal).ToList(),
        ips.Distinct().ToList());
}
