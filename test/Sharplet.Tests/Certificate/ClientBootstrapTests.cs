using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Certificate;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Certificate;

public sealed class ClientBootstrapTests : IDisposable
{
    private static readonly X509Certificate2 Ca = TestPki.CreateCa();
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-bootstrap-").FullName;
    private readonly FakeCsrApi api = new(Ca);

    private string Kubeconfig => Path.Combine(dir, "kubelet.conf");

    private string BootstrapKubeconfig => Path.Combine(dir, "bootstrap-kubelet.conf");

    private string CertDir => Path.Combine(dir, "pki");

    public ClientBootstrapTests()
    {
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(Ca.ExportCertificatePem()));
        File.WriteAllText(BootstrapKubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: {{caData}}}
            users:
            - name: tls-bootstrap-token-user
              user: {token: abcdef.0123456789abcdef}
            contexts:
            - name: ctx
              context: {cluster: c, user: tls-bootstrap-token-user}
            current-context: ctx
            """);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task NoKubeconfig_PostsNodeClientCsr_AndWritesCurrentPairAndKubeconfig()
    {
        await BootstrapAsync();

        var csr = api.Created.ShouldHaveSingleItem();
        csr.Metadata!.Name.ShouldStartWith("node-csr-");
        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kube-apiserver-client-kubelet");
        csr.Spec.Usages.ShouldBe(["digital signature", "key encipherment", "client auth"]);
        var request = CertificateRequest.LoadSigningRequestPem(Encoding.UTF8.GetString(csr.Spec.Request!), HashAlgorithmName.SHA256);
        request.SubjectName.Name.Split(", ").Order().ShouldBe(["CN=system:node:node-a", "O=system:nodes"]);
        request.PublicKey.Oid.Value.ShouldBe("1.2.840.10045.2.1", "an ECDSA key, as upstream generates");

        var current = new FileInfo(Path.Combine(CertDir, "kubelet-client-current.pem"));
        current.LinkTarget.ShouldNotBeNull().ShouldMatch(@"/kubelet-client-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.pem$");
        File.GetUnixFileMode(current.LinkTarget!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Exists(Path.Combine(CertDir, ClientBootstrap.PendingKeyFile)).ShouldBeFalse();

        var written = KubeconfigLoader.Load(Kubeconfig);
        written.Cluster.Server.ShouldBe(new Uri("https://127.0.0.1:6443"));
        written.Cluster.CertificateAuthorities.ShouldNotBeNull()[0].Thumbprint.ShouldBe(Ca.Thumbprint);
        written.User.Token.ShouldBeNull("the bootstrap token is not carried over");
        written.User.ClientCertificate.ShouldNotBeNull().Subject.Split(", ").Order().ShouldBe(["CN=system:node:node-a", "O=system:nodes"]);
        written.User.ClientCertificate.HasPrivateKey.ShouldBeTrue();
        File.ReadAllText(Kubeconfig).ShouldContain(current.FullName);
    }

    [Fact]
    public async Task KubeconfigWithValidCertificate_PostsNothing()
    {
        await BootstrapAsync();
        var first = api.Created.Count;

        await BootstrapAsync();

        api.Created.Count.ShouldBe(first);
    }

    [Fact]
    public async Task ExpiredClientCertificate_IsRequestedAgain()
    {
        api.Validity = () => (DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1));
        await BootstrapAsync();
        ClientBootstrap.ValidClientCertificate(Kubeconfig, DateTimeOffset.UtcNow, out var why).ShouldBeFalse();
        why.ShouldContain("expired at");
        var before = api.Created.Count;

        api.Validity = () => (DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        await BootstrapAsync();

        // The same key would name the old CSR, which still holds the expired certificate: a new key asks afresh.
        api.Created.Count.ShouldBe(before + 1);
        ClientBootstrap.ValidClientCertificate(Kubeconfig, DateTimeOffset.UtcNow, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task DeniedCsr_FailsWithTheReason_AndWritesNoKubeconfig()
    {
        api.Answer = FakeCsrApi.Decision.Deny;

        var error = await Should.ThrowAsync<CertificateRequestException>(BootstrapAsync());

        error.Message.ShouldContain("is denied, reason: NotMyNode, message: go away");
        File.Exists(Kubeconfig).ShouldBeFalse();
        File.Exists(Path.Combine(CertDir, ClientBootstrap.PendingKeyFile)).ShouldBeTrue("the key waits for the next attempt");
    }

    [Fact]
    public async Task RestartWhileWaiting_FindsItsOwnCsr_AndFinishesWhenItIsSigned()
    {
        api.Answer = FakeCsrApi.Decision.Pending;
        using (var stop = new CancellationTokenSource())
        {
            var first = BootstrapAsync(stop.Token);
            var posted = await api.CreatedEvents.Reader.ReadAsync();
            await stop.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(first);
            posted.Metadata!.Name.ShouldStartWith("node-csr-");
        }

        var second = BootstrapAsync();
        var name = api.Created.ShouldHaveSingleItem().Metadata!.Name!;
        api.Decide(name, FakeCsrApi.Decision.Sign);
        await second;

        api.Created.Count.ShouldBe(1, "the same key gives the same name: the second start reuses the CSR");
        KubeconfigLoader.Load(Kubeconfig).User.ClientCertificate.ShouldNotBeNull();
    }

    private Task BootstrapAsync(CancellationToken cancellationToken = default) =>
        ClientBootstrap.EnsureAsync(new BootstrapRequest(Kubeconfig, BootstrapKubeconfig, CertDir, "node-a"), _ => api, TimeProvider.System, NullLogger.Instance, cancellationToken);
}
