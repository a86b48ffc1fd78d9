using System.Security.Cryptography.X509Certificates;

namespace Sharplet.KubeClient;

/// <summary>
/// The API server end of a kubeconfig. With <see cref="CertificateAuthorities"/> set, the server's certificate
/// must chain to one of them and to nothing else (not the system store), as client-go does.
/// </summary>
internal sealed record KubeCluster(
    string Name,
    Uri Server,
    X509Certificate2Collection? CertificateAuthorities = null,
    bool InsecureSkipTlsVerify = false,
    string? TlsServerName = null);
