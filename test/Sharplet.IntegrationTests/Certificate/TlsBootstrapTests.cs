using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sharplet.Certificate;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Certificate;

// TLS bootstrap and certificate rotation against the real kube-apiserver and controller-manager. The bootstrap
// identity is a client certificate of the test CA in group system:bootstrappers (bound to
// system:node-bootstrapper, as kubeadm binds its tokens), not a bootstrap token; TestCsrSigner approves what the
// controller-manager does not (kubelet-serving CSRs) and signs what nobody signs.
public sealed class TlsBootstrapTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly List<string> nodeNames = [];
    private readonly List<string> bindings = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var name in nodeNames)
        {
            await QuietlyAsync(() => admin.DeleteAsync(KubeResources.Nodes, null, name, null, CancellationToken.None));
            await QuietlyAsync(() => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", name, null, CancellationToken.None));
        }

        foreach (var binding in bindings)
        {
            await QuietlyAsync(async () =>
            {
                using var _ = await admin.SendAsync(new KubeRequest(HttpMethod.Delete, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/" + binding), CancellationToken.None);
                return binding;
            });
        }

        admin.Dispose();
    }

    [Fact]
    public async Task OnlyABootstrapKubeconfig_NodeGetsItsClientCertificateFromAnApprovedCsr_AndJoins()
    {
        var settings = SharpletNode.DefaultSettings("tlsboot");
        nodeNames.Add(settings.HostnameOverride!);
        var dir = Path.GetDirectoryName(settings.RootDir)!;
        var bootstrapUser = "system:bootstrap:" + settings.HostnameOverride![^6..];
        settings.BootstrapKubeconfig = await BootstrapKubeconfigAsync(dir, bootstrapUser);
        settings.Kubeconfig = Path.Combine(dir, "kubelet.conf");
        settings.Server.CertDir = Path.Combine(dir, "pki");
        await using var signer = new TestCsrSigner(admin, bootstrapUser, TimeSpan.FromHours(1));

        await using var node = await SharpletNode.StartAsync(settings);

        // The controller-manager may approve and sign the CSR between two of the signer's 200 ms lists: wait for
        // the signer to have seen it rather than asserting at once (seen in CI).
        var seen = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (signer.Signed.IsEmpty && DateTime.UtcNow < seen)
        {
            await Task.Delay(100);
        }

        var csr = signer.Signed.ShouldHaveSingleItem($"node {settings.HostnameOverride}: its bootstrap CSR listed by the test signer");
        csr.Metadata!.Name.ShouldStartWith("node-csr-");
        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kube-apiserver-client-kubelet");
        csr.Spec.Usages.ShouldBe(["digital signature", "key encipherment", "client auth"]);
        var current = new FileInfo(Path.Combine(settings.Server.CertDir, "kubelet-client-current.pem"));
        current.LinkTarget.ShouldNotBeNull().ShouldContain("kubelet-client-2");
        var joined = KubeconfigLoader.Load(settings.Kubeconfig);
        joined.User.ClientCertificate.ShouldNotBeNull().GetNameInfo(X509NameType.SimpleName, false).ShouldBe("system:node:" + node.NodeName);
        File.ReadAllText(settings.Kubeconfig).ShouldContain(current.FullName);

        // Joined with the issued certificate: the node registered itself and renews its lease.
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None), _ => true, "registered", TimeSpan.FromSeconds(20));
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", node.NodeName, CancellationToken.None), l => l.Spec?.RenewTime is not null, "leased", TimeSpan.FromSeconds(20));
        await node.WaitForLogAsync("Kubelet client certificate expires", "rotation on by default with a bootstrap kubeconfig");
    }

    [Fact]
    public async Task ShortLivedClientCertificate_IsRotatedWithoutRestart_AndTheLeaseAndPodsSurviveItsExpiry()
    {
        var pki = Directory.CreateTempSubdirectory("sharplet-it-rotate-").FullName;
        var now = DateTimeOffset.UtcNow;

        // 60 s before and after now: the jittered deadline (70–90 % of 120 s) falls 24–48 s after the start, so a
        // pod is running when the certificate switches, and the old one expires 60 s after the start.
        var notAfter = now.AddSeconds(60);
        try
        {
            await using var cluster = await ConnectedCluster.StartAsync("certrotate", s =>
            {
                s.RotateCertificates = true;
                s.Server.CertDir = pki;
            }, minted => Task.FromResult(ShortLivedKubeconfig(minted, pki, now.AddSeconds(-60), notAfter)));
            nodeNames.Add(cluster.NodeName);
            await using var signer = new TestCsrSigner(admin, "system:node:" + cluster.NodeName, TimeSpan.FromHours(1));
            var current = Path.Combine(pki, "kubelet-client-current.pem");
            var firstTarget = new FileInfo(current).LinkTarget;
            await cluster.CreateAsync(cluster.Pod("sleeper"));
            var running = await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Pods, cluster.Namespace, "sleeper", CancellationToken.None),
                p => ConnectedCluster.Container(p)?.State?.Running is not null, "running", TimeSpan.FromSeconds(40));
            var containerId = ConnectedCluster.Container(running)!.ContainerID;

            await cluster.Node.WaitForLogAsync("Rotated the kubelet client certificate", "the rotation", TimeSpan.FromSeconds(70));
            var target = new FileInfo(current).LinkTarget;
            target.ShouldNotBe(firstTarget);
            using (var rotated = X509Certificate2.CreateFromPemFile(target!))
            {
                rotated.NotAfter.ToUniversalTime().ShouldBeGreaterThan(notAfter.UtcDateTime.AddMinutes(10), "the API-signed certificate replaced the short-lived one");
                rotated.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("system:node:" + cluster.NodeName);
            }

            // Past the old certificate's end the same process still renews its lease and reports its pod.
            var wait = notAfter - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var after = DateTimeOffset.UtcNow;
            await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", cluster.NodeName, CancellationToken.None),
                l => l.Spec?.RenewTime > after, $"renewed after the old certificate expired at {notAfter:O}", TimeSpan.FromSeconds(25));
            var pod = await admin.GetAsync(KubeResources.Pods, cluster.Namespace, "sleeper", CancellationToken.None);
            ConnectedCluster.Container(pod)!.ContainerID.ShouldBe(containerId, "the pod kept its container across the switch");
            ConnectedCluster.Container(pod)!.RestartCount.ShouldBe(0);
            cluster.Node.Log.ShouldNotContain(l => l.Contains("Unauthorized", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task ServerTlsBootstrap_Port10250ServesTheApiSignedCertificate_ForTheNodesNameAndIp()
    {
        var settings = SharpletNode.DefaultSettings("servingboot");
        nodeNames.Add(settings.HostnameOverride!);
        var dir = Path.GetDirectoryName(settings.RootDir)!;
        settings.Kubeconfig = NodeKubeconfig.Write(dir, settings.HostnameOverride!);
        settings.ServerTlsBootstrap = true;
        settings.NodeIps = ["127.0.0.1"];
        await using var signer = new TestCsrSigner(admin, "system:node:" + settings.HostnameOverride, TimeSpan.FromHours(1));

        await using var node = await SharpletNode.StartAsync(settings);
        await node.WaitForLogAsync("Rotated the kubelet serving certificate", "the serving certificate", TimeSpan.FromSeconds(30));

        var csr = signer.Signed.ShouldHaveSingleItem();
        csr.Spec!.SignerName.ShouldBe("kubernetes.io/kubelet-serving");
        csr.Spec.Usages.ShouldBe(["digital signature", "key encipherment", "server auth"]);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(TestApiServer.CaPath);
        using var served = await ServedCertificateAsync(settings.KubeletPort);
        served.Issuer.ShouldBe(ca.Subject);
        served.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("system:node:" + node.NodeName);
        var san = served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        san.EnumerateDnsNames().ShouldContain(node.NodeName);
        san.EnumerateIPAddresses().Select(ip => ip.ToString()).ShouldContain("127.0.0.1");
        File.Exists(Path.Combine(settings.EffectiveCertDir, "kubelet-server-current.pem")).ShouldBeTrue();
    }

    private static async Task<X509Certificate2> ServedCertificateAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        X509Certificate2? seen = null;
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) =>
        {
            // Checked by the test itself (issuer, names), so the callback only captures what was presented.
            seen = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
            return seen is not null;
        });
        await ssl.AuthenticateAsClientAsync("127.0.0.1");
        return seen.ShouldNotBeNull();
    }

    // A node kubeconfig as TLS bootstrap leaves it: the pair in the store (kubelet-client-current.pem), here with
    // a certificate of the test CA valid in the given window, and the kubeconfig pointing at it.
    private static string ShortLivedKubeconfig(string minted, string pki, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var config = KubeconfigLoader.Load(minted);
        var subject = config.User.ClientCertificate!.Subject;
        using var ca = TestPki.LoadCa(TestApiServer.CaPath, TestApiServer.CaKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = TestPki.IssueClient(ca, subject, key, notBefore, notAfter);
        var store = new CertificateFileStore("kubelet-client", pki);
        store.Update(certificate.ExportCertificatePem(), key.ExportECPrivateKeyPem(), DateTimeOffset.UtcNow.AddSeconds(-1));
        var path = Path.Combine(pki, "kubelet.conf");
        KubeconfigWriter.Write(path, config.Cluster, store.CurrentPath);
        return path;
    }

    // A bootstrap identity: a test-CA client certificate in group system:bootstrappers, allowed to post CSRs.
    private async Task<string> BootstrapKubeconfigAsync(string dir, string user)
    {
        var binding = TestApiServer.UniqueName("sharplet-bootstrap");
        var body = $$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"{{binding}}"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"system:node-bootstrapper"},
             "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"{{user}}"}]}
            """;
        using (await admin.SendAsync(new KubeRequest(HttpMethod.Post, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", Body: Encoding.UTF8.GetBytes(body)), CancellationToken.None))
        {
        }

        bindings.Add(binding);
        var identity = TestApiServer.MintCertificateUser(user, $"CN={user}, O=system:bootstrappers");
        var cluster = KubeconfigLoader.Load(TestApiServer.AdminKubeconfig).Cluster;
        Directory.CreateDirectory(dir);
        var certPath = Path.Combine(dir, "bootstrap.pem");
        File.WriteAllText(certPath, identity.ClientCertificate!.ExportCertificatePem() + "\n" + identity.ClientCertificate.GetECDsaPrivateKey()!.ExportECPrivateKeyPem() + "\n");
        var path = Path.Combine(dir, "bootstrap-kubelet.conf");
        KubeconfigWriter.Write(path, cluster, certPath);
        return path;
    }

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
