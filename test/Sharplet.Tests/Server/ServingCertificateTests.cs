using System.Security.Cryptography.X509Certificates;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

// The self-signed serving pair's key type: cheap ECDSA P-256 unless the configured TLS 1.2 suites could not use it.
public sealed class ServingCertificateTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-serving-").FullName;

    [Fact]
    public void WithoutCipherSuites_TheSelfSignedPairIsEcdsaP256_ForSigningAndServerAuth()
    {
        using var cert = ServingCertificate.Load(null, null, dir, "node-a", ["10.0.0.7"], [], TimeProvider.System);

        using var key = cert.GetECDsaPrivateKey();
        key.ShouldNotBeNull("the self-signed key must be ECDSA");
        key.KeySize.ShouldBe(256);
        Convert.ToHexString(cert.PublicKey.EncodedParameters!.RawData).ShouldBe("06082A8648CE3D030107"); // the DER OID 1.2.840.10045.3.1.7, P-256
        cert.GetRSAPublicKey().ShouldBeNull();
        cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.ShouldBe(X509KeyUsageFlags.DigitalSignature);
        cert.Subject.ShouldStartWith("CN=node-a@");
        File.ReadAllText(Path.Combine(dir, ServingCertificate.KeyFileName)).ShouldStartWith("-----BEGIN PRIVATE KEY-----");
    }

    [Fact]
    public void CipherSuitesIncludingAnEcdsaOne_KeepTheEcdsaKey()
    {
        using var cert = ServingCertificate.Load(null, null, dir, "node-a", [],
            ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"], TimeProvider.System);

        using var key = cert.GetECDsaPrivateKey();
        key.ShouldNotBeNull();
    }

    [Fact]
    public void OnlyRsaAuthenticatedCipherSuites_MakeAnRsa2048Key_TheSuitesCanUse()
    {
        using var cert = ServingCertificate.Load(null, null, dir, "node-a", [], ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], TimeProvider.System);

        using var key = cert.GetRSAPrivateKey();
        key.ShouldNotBeNull("RSA-only suites cannot be served with an ECDSA key");
        key.KeySize.ShouldBe(2048);
        cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.ShouldBe(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
    }

    [Fact]
    public void AnExistingPair_IsReused_NotRemade()
    {
        using var first = ServingCertificate.Load(null, null, dir, "node-a", [], [], TimeProvider.System);
        using var second = ServingCertificate.Load(null, null, dir, "node-a", [], [], TimeProvider.System);

        second.Thumbprint.ShouldBe(first.Thumbprint);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
