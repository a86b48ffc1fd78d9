using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sharplet.Certificate;

/// <summary>
/// Keys and PKCS#10 requests as upstream makes them: ECDSA P-256 keys (keyutil's default), PEM "EC PRIVATE
/// KEY", a CSR carrying the subject and SANs (the usages travel in the CSR object's spec), and the
/// deterministic "node-csr-" name of the bootstrap request, so a kubelet restarted mid-bootstrap finds the CSR
/// it already posted for the same key instead of piling up new ones.
/// </summary>
internal static class CsrBuilder
{
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string KeyPem(ECDsa key) => key.ExportECPrivateKeyPem();

    public static ECDsa? ReadKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    public static string RequestPem(CsrTemplate template, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(template);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName(CsrTemplate.NodesGroup);
        subject.AddCommonName(template.CommonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        if (template.DnsNames.Count > 0 || template.IpAddresses.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in template.DnsNames)
            {
                san.AddDnsName(dns);
            }

            foreach (var ip in template.IpAddresses)
            {
                san.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// Upstream's digestedName over the same input (the base64url of the public key (PKIX), the CN, the
    /// organizations and the usages, each followed by '|', so no two inputs write the same stream), with SHA-256
    /// where upstream uses SHA-512/256, which .NET does not offer: as deterministic, but not the same name.
    /// </summary>
    public static string DigestedName(CsrTemplate template, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        void Write(byte[] data) => text.Append(Base64Url(data)).Append('|');
        Write(key.ExportSubjectPublicKeyInfo());
        Write(Encoding.UTF8.GetBytes(template.CommonName));
        Write(Encoding.UTF8.GetBytes(CsrTemplate.NodesGroup));
        foreach (var usage in template.Usages)
        {
            Write(Encoding.UTF8.GetBytes(usage));
        }

        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString()));
        return "node-csr-" + Base64Url(digest);
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
