using System.Security.Cryptography.X509Certificates;

namespace Sharplet.Util;

/// <summary>A leaf certificate with its private key and the intermediates sent along with it.</summary>
internal sealed record CertificatePair(X509Certificate2 Certificate, X509Certificate2Collection? Chain);
