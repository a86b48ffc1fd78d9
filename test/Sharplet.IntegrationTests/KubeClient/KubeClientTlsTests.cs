using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.KubeClient;

// Trust and identity failures against the real server: each must say what is wrong and with which server,
// kubeconfig or user, because these are the errors an operator meets first.
public sealed class KubeClientTlsTests
{

    [Fact]
    public async Task WrongCa_IsATlsErrorNamingTheServerAndTheKubeconfig()
    {
        using var otherCa = TestPki.CreateCa("not-the-cluster-ca");
        var admin = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig);
        var config = admin with { Cluster = admin.Cluster with { CertificateAuthorities = [X509CertificateLoader.LoadCertificate(otherCa.RawData)] } };
        using var client = TestApiServer.Client(config);

        var ex = await Should.ThrowAsync<KubeConnectionException>(() => client.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None));

        ex.IsTlsFailure.ShouldBeTrue();
        ex.Server.ShouldBe(TestApiServer.Server);
        ex.Message.ShouldStartWith($"TLS with the API server {TestApiServer.Server} failed: its certificate (");
        ex.Message.ShouldContain($"is not trusted by the certificate authority of cluster \"{admin.Cluster.Name}\" in kubeconfig {TestApiServer.AdminKubeconfig}");
    }

    [Fact]
    public async Task NoCaAtAll_TheSystemStoreDoesNotTrustTheTestCa()
    {
        var admin = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig);
        using var client = TestApiServer.Client(admin with { Cluster = admin.Cluster with { CertificateAuthorities = null } });

        var ex = await Should.ThrowAsync<KubeConnectionException>(() => client.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None));

        ex.Message.ShouldContain("is not trusted by the system's certificate authorities");
    }

    [Fact]
    public async Task TlsServerName_ChoosesTheNameTheCertificateIsCheckedAgainst()
    {
        var admin = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig);
        using var good = TestApiServer.Client(admin with { Cluster = admin.Cluster with { TlsServerName = "localhost" } });
        using var bad = TestApiServer.Client(admin with { Cluster = admin.Cluster with { TlsServerName = "api.example.invalid" } });

        (await good.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None)).Metadata!.Name.ShouldBe("default");
        var ex = await Should.ThrowAsync<KubeConnectionException>(() => bad.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None));
        ex.Message.ShouldContain("its certificate is not valid for the name \"api.example.invalid\"");
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_AcceptsAnyServerCertificate()
    {
        var admin = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig);
        using var client = TestApiServer.Client(admin with { Cluster = admin.Cluster with { CertificateAuthorities = null, InsecureSkipTlsVerify = true } });

        (await client.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None)).Metadata!.Name.ShouldBe("default");
    }

    [Fact]
    public async Task ExpiredClientCertificate_Is401NamingTheUserAndTheExpiry()
    {
        var notAfter = DateTimeOffset.UtcNow.AddHours(-1);
        var user = TestApiServer.MintCertificateUser("expired-admin", "CN=expired-admin, O=system:masters", notAfter.AddDays(-1), notAfter);
        using var client = TestApiServer.Client(TestApiServer.WithUser(user));

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None));

        ex.Code.ShouldBe(401);
        ex.Reason.ShouldBe(StatusReason.Unauthorized);
        var expiry = user.ClientCertificate!.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        ex.Message.ShouldBe(
            $"GET /api/v1/namespaces/default: 401 Unauthorized: Unauthorized (as user \"expired-admin\" from kubeconfig /test/expired-admin.kubeconfig; its client certificate expired at {expiry}Z).");
    }

    [Fact]
    public async Task RejectedToken_Is401NamingTheUser()
    {
        var admin = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig);
        var config = admin with { User = new KubeUser("token-user", Token: "not-a-valid-token"), SourcePath = "/test/token.kubeconfig" };
        using var client = TestApiServer.Client(config);

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None));

        ex.Code.ShouldBe(401);
        ex.Message.ShouldBe("GET /api/v1/namespaces/default: 401 Unauthorized: Unauthorized (as user \"token-user\" from kubeconfig /test/token.kubeconfig).");
    }

    [Fact]
    public async Task AdminKubeconfig_ConnectsWithItsClientCertificate()
    {
        using var admin = TestApiServer.Admin();

        var ns = await admin.GetAsync(KubeResources.Namespaces, null, "default", CancellationToken.None);

        ns.Metadata!.Name.ShouldBe("default");
    }
}
