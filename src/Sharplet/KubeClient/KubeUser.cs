using System.Security.Cryptography.X509Certificates;

namespace Sharplet.KubeClient;

/// <summary>
/// The client end of a kubeconfig. <see cref="ClientCertificate"/> carries its private key in a form SslStream
/// can use for client authentication; <see cref="ClientCertificateChain"/> holds any intermediates that followed
/// the leaf in the PEM. A <see cref="TokenFile"/> is re-read periodically and wins over <see cref="Token"/>.
/// </summary>
internal sealed record KubeUser(
    string Name,
    X509Certificate2? ClientCertificate = null,
    X509Certificate2Collection? ClientCertificateChain = null,
    string? Token = null,
    string? TokenFile = null);
