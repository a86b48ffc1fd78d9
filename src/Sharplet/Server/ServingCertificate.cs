using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sharplet.Util;

namespace Sharplet.Server;

// The kubelet server's certificate: tlsCertFile/tlsPrivateKeyFile when given, else upstream's self-signed
// pair <cert-dir>/kubelet.crt and kubelet.key, made once (valid a year, for the node name and its IPs) and
// reused on later starts.
//
// The self-signed key is ECDSA P-256 (as the rotating serving certificates of serverTLSBootstrap, which upstream
// also makes with P-256), not upstream's RSA 2048: making an RSA 2048 key costs 60-850 ms of CPU (prime search),
// on a 2-core node right while the first pods start; a P-256 key costs well under a millisecond. Every TLS 1.3
// handshake and every TLS 1.2 client offering ECDHE_ECDSA suites (Go's crypto/tls, so the API server, curl,
// OpenSSL) accepts it. Only when tlsCipherSuites names TLS 1.2 suites and none of them is ECDSA-authenticated is
// the key RSA 2048, so the operator's suites keep a certificate they can use.
internal static class ServingCertificate
{
    public const string CertFileName = "kubelet.crt";
    public const string KeyFileName = "kubelet.key";

    public static X509Certificate2 Load(
        string? certFile, string? keyFile, string certDir, string hostName, IReadOnlyList<string> ips, IReadOnlyList<string> cipherSuites, TimeProvider time)
    {
        if (string.IsNullOrEmpty(certFile) != string.IsNullOrEmpty(keyFile))
        {
            throw new InvalidOperationException("tlsCertFile (--tls-cert-file) and tlsPrivateKeyFile (--tls-private-key-file) must be given together");
        }

        if (string.IsNullOrEmpty(certFile))
        {
            certFile = Path.Combine(certDir, CertFileName);
            keyFile = Path.Combine(certDir, KeyFileName);
            if (!File.Exists(certFile) || !File.Exists(keyFile))
            {
                WriteSelfSigned(certFile, keyFile!, hostName, ips, NeedsRsa(cipherSuites), time);
            }
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            return PemCertificate.Exportable(pem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"serving certificate {certFile} / key {keyFile}: {ex.Message}", ex);
        }
    }

    // Whether the configured TLS 1.2 suites (Go's names) leave only RSA-authenticated ones: none configured means
    // Go's and .NET's defaults, which include ECDHE_ECDSA suites.
    internal static bool NeedsRsa(IReadOnlyList<string> cipherSuites) =>
        cipherSuites.Count > 0 && !cipherSuites.Any(s => s.Contains("_ECDSA_", StringComparison.Ordinal));

    private static void WriteSelfSigned(string certFile, string keyFile, string hostName, IReadOnlyList<string> ips, bool rsa, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certFile)!);
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = time.GetUtcNow();
        var subject = $"CN={hostName}@{now.ToUnixTimeSeconds()}";
        var request = key is RSA rsaKey
            ? new CertificateRequest(subject, rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostName);
        foreach (var ip in ips)
        {
            if (IPAddress.TryParse(ip, out var address))
            {
                san.AddIpAddress(address);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        // KeyEncipherment is RSA key transport's; an ECDSA key only signs (ECDHE does the key agreement).
        var usage = key is RSA ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var cert = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        // The key first and readable by root only, so a crash between the two writes leaves no pair to reuse.
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(certFile, cert.ExportCertificatePem());
    }
}
