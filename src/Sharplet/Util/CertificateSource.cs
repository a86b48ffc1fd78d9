using System.Security.Cryptography.X509Certificates;

namespace Sharplet.Util;

/// <summary>
/// The current certificate (with its private key, and any intermediates) of one identity, swapped whole by the
/// certificate manager that rotates it and read by whoever presents it: the API client's handler for the
/// client certificate, Kestrel's certificate selector for the serving one. A reader always sees a matching
/// certificate and chain, because both are replaced in one reference write.
/// </summary>
internal sealed class CertificateSource
{
    private volatile CertificatePair? current;

    public CertificateSource(X509Certificate2? certificate = null, X509Certificate2Collection? chain = null)
    {
        current = certificate is null ? null : new CertificatePair(certificate, chain);
    }

    /// <summary>Raised after every <see cref="Update"/>, on the updating thread.</summary>
    public event Action<CertificatePair>? Changed;

    public CertificatePair? Current => current;

    public void Update(X509Certificate2 certificate, X509Certificate2Collection? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var pair = new CertificatePair(certificate, chain);
        current = pair;
        Changed?.Invoke(pair);
    }
}
