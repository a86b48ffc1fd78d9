using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Certificate;

// `kubeadm join` as it prepares a node: a bootstrap token Secret in kube-system (kubeadm token create), a
// bootstrap kubeconfig holding the token (/etc/kubernetes/bootstrap-kubelet.conf), and no node credential. The
// real API server authenticates the token (--enable-bootstrap-token-auth) as system:bootstrap:<id> in
// system:bootstrappers and the token's extra group; the real controller-manager's csrapproving approves the node
// client CSR (kubeadm's RBAC for system:bootstrappers) and csrsigning signs it with the cluster CA. No test helper
// approves or signs here: if the controller-manager did not, the node would never join.
public sealed class BootstrapTokenJoinTests : IAsyncLifetime
{
    private const string KubeadmGroup = "system:bootstrappers:kubeadm:default-node-token";
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly string tokenId = RandomToken(6);
    private readonly string tokenSecret = RandomToken(16);
    private string? nodeName;

    private string SecretName => "bootstrap-token-" + tokenId;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await QuietlyAsync(() => admin.DeleteAsync(KubeResources.Secrets, "kube-system", SecretName, null, CancellationToken.None));
        if (nodeName is not null)
        {
            await QuietlyAsync(() => admin.DeleteAsync(KubeResources.Nodes, null, nodeName, null, CancellationToken.None));
            await QuietlyAsync(() => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", nodeName, null, CancellationToken.None));
            var csrs = await admin.ListAsync(KubeLists.CertificateSigningRequests, null, null, CancellationToken.None);
            foreach (var csr in (csrs.Items ?? []).Where(c => c.Spec?.Username == "system:bootstrap:" + tokenId))
            {
                await QuietlyAsync(() => admin.DeleteAsync(KubeResources.CertificateSigningRequests, null, csr.Metadata!.Name!, null, CancellationToken.None));
            }
        }

        admin.Dispose();
    }

    [Fact]
    public async Task BootstrapTokenKubeconfig_NodeJoinsThroughACsrTheControllerManagerApprovesAndSigns_AndOutlivesTheToken()
    {
        var settings = SharpletNode.DefaultSettings("tokenjoin");
        nodeName = settings.HostnameOverride!;
        var dir = Path.GetDirectoryName(settings.RootDir)!;
        await CreateTokenSecretAsync();
        settings.BootstrapKubeconfig = WriteBootstrapKubeconfig(Path.Combine(dir, "bootstrap-kubelet.conf"));
        settings.Kubeconfig = Path.Combine(dir, "kubelet.conf");
        settings.Server.CertDir = Path.Combine(dir, "pki");

        await using var node = await SharpletNode.StartAsync(settings);

        // The CSR the token's identity posted, approved by csrapproving (reason AutoApproved) and signed by csrsigning.
        var csr = await ApiPoll.UntilAsync(
            async () => (await admin.ListAsync(KubeLists.CertificateSigningRequests, null, null, CancellationToken.None)).Items?
                .FirstOrDefault(c => c.Spec?.Username == "system:bootstrap:" + tokenId) ?? new CertificateSigningRequest(),
            c => c.Status?.Certificate is not null, $"node {nodeName}: its CSR signed", TimeSpan.FromSeconds(30));
        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kube-apiserver-client-kubelet");
        csr.Spec.Groups.ShouldNotBeNull().ShouldContain("system:bootstrappers");
        csr.Spec.Groups.ShouldContain(KubeadmGroup);
        var approved = csr.Status!.Conditions.ShouldNotBeNull().ShouldHaveSingleItem();
        (approved.Type, approved.Status, approved.Reason).ShouldBe(("Approved", "True", "AutoApproved"));

        // The kubeconfig Sharplet wrote points at the issued pair: CN system:node:<name>, O system:nodes, chained to the cluster CA.
        var joined = KubeconfigLoader.Load(settings.Kubeconfig);
        var certificate = joined.User.ClientCertificate.ShouldNotBeNull();
        certificate.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("system:node:" + nodeName);
        certificate.Subject.ShouldContain("O=system:nodes");
        using var ca = X509CertificateLoader.LoadCertificateFromFile(TestApiServer.CaPath);
        certificate.Issuer.ShouldBe(ca.Subject);
        File.ReadAllText(settings.Kubeconfig).ShouldNotContain(tokenSecret);

        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Nodes, null, nodeName, CancellationToken.None), _ => true, "registered", TimeSpan.FromSeconds(20));
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", nodeName, CancellationToken.None), l => l.Spec?.RenewTime is not null, "leased", TimeSpan.FromSeconds(20));

        // kubeadm tokens expire (24 h by default) and are deleted: the joined node no longer needs its token.
        await admin.DeleteAsync(KubeResources.Secrets, "kube-system", SecretName, null, CancellationToken.None);
        var deleted = DateTimeOffset.UtcNow;
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", nodeName, CancellationToken.None),
            l => l.Spec?.RenewTime > deleted, "lease renewed after the token was deleted", TimeSpan.FromSeconds(25));
        node.Log.ShouldNotContain(l => l.Contains("Unauthorized", StringComparison.Ordinal));
    }

    // What `kubeadm token create` stores (the bootstrap token format of the bootstrapsigner and the authenticator).
    private Task<Secret> CreateTokenSecretAsync() => admin.CreateAsync(KubeResources.Secrets, "kube-system", new Secret
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new ObjectMeta { Name = SecretName, Namespace = "kube-system" },
        Type = "bootstrap.kubernetes.io/token",
        StringData = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["token-id"] = tokenId,
            ["token-secret"] = tokenSecret,
            ["expiration"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["usage-bootstrap-authentication"] = "true",
            ["usage-bootstrap-signing"] = "true",
            ["auth-extra-groups"] = KubeadmGroup,
            ["description"] = "Sharplet integration test (BootstrapTokenJoinTests)",
        },
    }, CancellationToken.None);

    // kubeadm's bootstrap-kubelet.conf: the cluster's CA and server, user tls-bootstrap-token-user with the token.
    private string WriteBootstrapKubeconfig(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var ca = Convert.ToBase64String(File.ReadAllBytes(TestApiServer.CaPath));
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubernetes
              cluster:
                server: {TestApiServer.Server}
                certificate-authority-data: {ca}
            users:
            - name: tls-bootstrap-token-user
              user:
                token: {tokenId}.{tokenSecret}
            contexts:
            - name: tls-bootstrap-token-user@kubernetes
              context:
                cluster: kubernetes
                user: tls-bootstrap-token-user
            current-context: tls-bootstrap-token-user@kubernetes
            """);
        return path;
    }

    // Bootstrap token parts are [a-z0-9]: 6 for the id, 16 for the secret.
    private static string RandomToken(int length) =>
        new(RandomNumberGenerator.GetItems("abcdefghijklmnopqrstuvwxyz0123456789".AsSpan(), length));

    private static async Task QuietlyAsync<T>(Func<Task<T>> delete)
    {
        try
        {
            await delete();
        }
        catch (KubeApiException)
        {
        }
    }
}
