using System.Globalization;
using System.Text;
using System.Text.Json;
using Sharplet.KubeClient;

namespace Sharplet.Certificate;

/// <summary>
/// Upstream's writeKubeconfigFromBootstrapping: the kubeconfig the node runs with after TLS bootstrap, with the
/// bootstrap kubeconfig's cluster (server, CA, TLS options) and a user whose certificate and key are both the
/// store's current pair (<c>kubelet-client-current.pem</c>), so a rotated certificate is used after a restart
/// too. The CA is written inline; upstream keeps a CA file's path, which is equivalent.
/// </summary>
internal static class KubeconfigWriter
{
    public static void Write(string kubeconfigPath, KubeCluster cluster, string pemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        ArgumentNullException.ThrowIfNull(cluster);
        var text = new StringBuilder();
        text.AppendLine("apiVersion: v1").AppendLine("kind: Config").AppendLine("clusters:").AppendLine("- name: default-cluster").AppendLine("  cluster:");
        text.Append("    server: ").AppendLine(Quote(cluster.Server.OriginalString));
        if (cluster.CertificateAuthorities is { Count: > 0 } authorities)
        {
            var pem = string.Concat(authorities.Select(ca => ca.ExportCertificatePem() + "\n"));
            text.Append("    certificate-authority-data: ").AppendLine(Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)));
        }

        if (cluster.InsecureSkipTlsVerify)
        {
            text.AppendLine("    insecure-skip-tls-verify: true");
        }

        if (cluster.TlsServerName is { } serverName)
        {
            text.Append("    tls-server-name: ").AppendLine(Quote(serverName));
        }

        text.AppendLine("users:").AppendLine("- name: default-auth").AppendLine("  user:");
        text.Append("    client-certificate: ").AppendLine(Quote(pemPath));
        text.Append("    client-key: ").AppendLine(Quote(pemPath));
        text.AppendLine("contexts:").AppendLine("- name: default-context").AppendLine("  context:");
        text.AppendLine("    cluster: default-cluster").AppendLine("    user: default-auth").AppendLine("    namespace: default");
        text.AppendLine("current-context: default-context");

        var directory = Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(kubeconfigPath)}.{Environment.ProcessId}.tmp"));
        File.WriteAllText(temp, text.ToString());
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, kubeconfigPath, overwrite: true);
    }

    // A JSON string is a valid YAML double-quoted scalar.
    private static string Quote(string value) => JsonSerializer.Serialize(value, Api.KubeJsonContext.Default.String);
}
