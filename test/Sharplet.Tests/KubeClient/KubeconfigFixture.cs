using System.Security.Cryptography;
using System.Text;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeClient;

// A temp directory with a CA, an RSA and an EC client certificate as PEM files, for kubeconfig tests.
public sealed class KubeconfigFixture : IDisposable
{
    public KubeconfigFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sharplet-kubeconfig-").FullName;
        using var ca = TestPki.CreateCa();
        CaPem = TestPki.CertPem(ca);
        using var rsa = RSA.Create(2048);
        using var rsaCert = TestPki.IssueClient(ca, "CN=admin,O=system:masters", rsa);
        RsaCertPem = TestPki.CertPem(rsaCert);
        RsaKeyPem = rsa.ExportRSAPrivateKeyPem();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCert = TestPki.IssueClient(ca, "CN=system:node:n1,O=system:nodes", ec);
        EcCertPem = TestPki.CertPem(ecCert);
        EcKeyPem = ec.ExportECPrivateKeyPem();
        using var other = RSA.Create(2048);
        OtherRsaKeyPem = TestPki.KeyPem(other);
        Write("pki/ca.crt", CaPem);
        Write("pki/admin.crt", RsaCertPem);
        Write("pki/admin.key", RsaKeyPem);
        Write("pki/node.crt", EcCertPem);
        Write("pki/node.key", EcKeyPem);
        Write("pki/other.key", OtherRsaKeyPem);
        Write("token", "file-token\n");
    }

    public string Directory { get; }

    public string CaPem { get; }

    public string RsaCertPem { get; }

    public string RsaKeyPem { get; }

    public string EcCertPem { get; }

    public string EcKeyPem { get; }

    public string OtherRsaKeyPem { get; }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
