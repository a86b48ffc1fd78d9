using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sharplet.Util;

namespace Sharplet.Server;

// The kubelet server's certificate: tlsCertFile/tlsPrivateKeyFile when given, else upstream's self-signed
// pair <cert-dir>/kubelet.crt and kubelet.key, made once (valid a year, for the node name and its IPs) and
// reused on later starts.
internal static class ServingCertificate
{
    public const string CertFileName = "kubelet.crt";
    public const string KeyFileName = "kubelet.key";

    public static X509Certificate2 Load(string? certFile, string? keyFile, string certDir, string hostName, IReadOnlyList<string> ips, TimeProvider time)
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
                WriteSelfSigned(certFile, keyFile!, hostName, ips, time);
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

    private static void WriteSelfSigned(string certFile, string keyFile, string hostName, IReadOnlyList<string> ips, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certFile)!);
        using var key = RSA.Create(2048);
        var now = time.GetUtcNow();
        var request = new CertificateRequest($"CN={hostName}@{now.ToUnixTimeSeconds()}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var cert = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));

        // The key first and readable by root only, so a crash between the two writes leaves no pair to reuse.
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(certFile, cert.ExportCertificatePem());
    }
}
