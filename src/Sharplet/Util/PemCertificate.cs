using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sharplet.Util;

/// <summary>PEM certificate and key pairs in the form SslStream (client or server side) can present.</summary>
internal static class PemCertificate
{
    /// <summary>
    /// The leaf (first certificate) of <paramref name="certPem"/> with the key of <paramref name="keyPem"/>, and the
    /// certificates after it as the chain. Throws CryptographicException or ArgumentException for bad PEM or a key
    /// that does not match.
    /// </summary>
    public static CertificatePair Load(string certPem, string keyPem)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPem(certPem);
        if (all.Count == 0)
        {
            throw new CryptographicException("no PEM certificate found");
        }

        using var pem = X509Certificate2.CreateFromPem(certPem, keyPem);
        all[0].Dispose();
        all.RemoveAt(0);
        return new CertificatePair(Exportable(pem), all);
    }

    /// <summary>
    /// On Linux SslStream cannot present an ephemeral (never persisted) key; a round trip through PKCS#12 gives
    /// the certificate a key handle that OpenSSL can use.
    /// </summary>
    public static X509Certificate2 Exportable(X509Certificate2 withKey)
    {
        ArgumentNullException.ThrowIfNull(withKey);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    public static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
}
