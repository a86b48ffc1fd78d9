namespace Sharplet.Api;

/// <summary>The well-known signers and key usages of certificates.k8s.io/v1 that the kubelet asks for.</summary>
internal static class CertificateSigners
{
    public const string KubeApiServerClientKubelet = "kubernetes.io/kube-apiserver-client-kubelet";
    public const string KubeletServing = "kubernetes.io/kubelet-serving";

    public const string UsageDigitalSignature = "digital signature";
    public const string UsageKeyEncipherment = "key encipherment";
    public const string UsageClientAuth = "client auth";
    public const string UsageServerAuth = "server auth";
}
