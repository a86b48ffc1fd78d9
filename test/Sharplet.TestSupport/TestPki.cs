using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sharplet.TestSupport;

// Certificates for tests, made with .NET's CertificateRequest: a CA, and leaf certificates it signs (RSA or EC,
// client or server, with any validity window). Also compiled into the integration tests, which sign with the
// test API server's own CA.
internal static class TestPki
{
    public static X509Certificate2 CreateCa(string commonName = "sharplet-test-ca")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>A CA from PEM files (the test API server's ca.crt and ca.key).</summary>
    public static X509Certificate2 LoadCa(string certPath, string keyPath) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(certPath), File.ReadAllText(keyPath));

    public static X509Certificate2 IssueClient(
        X509Certificate2 ca,
        string subject,
        AsymmetricAlgorithm key,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return Sign(ca, request, key, notBefore, notAfter);
    }

    public static X509Certificate2 IssueServer(X509Certificate2 ca, AsymmetricAlgorithm key, params string[] names)
    {
        var request = Request("CN=" + names[0], key);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        return Sign(ca, request, key, null, null);
    }

    public static string CertPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string KeyPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("RSA or ECDsa only", nameof(key)),
    };

    private static X509Certificate2 Sign(X509Certificate2 ca, CertificateRequest request, AsymmetricAlgorithm key, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        // The generator overload lets an RSA CA sign an EC key's certificate.
        using var caKey = ca.GetRSAPrivateKey() ?? throw new ArgumentException("the CA needs its RSA private key", nameof(ca));
        var generator = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(ca.SubjectName, generator, notBefore ?? now.AddMinutes(-5), notAfter ?? now.AddDays(30), serial);
        return key switch
        {
            RSA rsa => signed.CopyWithPrivateKey(rsa),
            ECDsa ec => signed.CopyWithPrivateKey(ec),
            _ => throw new ArgumentException("RSA or ECDsa only", nameof(key)),
        };
    }
}
