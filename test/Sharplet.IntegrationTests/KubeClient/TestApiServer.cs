using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.KubeClient;

// The real control plane (kube-apiserver, controller-manager, scheduler v1.20) that scripts/test-apiserver starts. Tests fail (never skip) without it: CI must
// run them. Each test makes its own namespace and names, so classes run in parallel without meeting.
internal static class TestApiServer
{
    public static string AdminKubeconfig => Require("SHARPLET_TEST_KUBECONFIG");

    public static string NodeKubeconfig => Require("SHARPLET_TEST_NODE_KUBECONFIG");

    public static string NodeName => Require("SHARPLET_TEST_NODE_NAME");

    public static Uri Server => new(Require("SHARPLET_TEST_APISERVER"));

    public static string CaPath => Require("SHARPLET_TEST_APISERVER_CA");

    public static string CaKeyPath => Require("SHARPLET_TEST_APISERVER_CA_KEY");

    public static KubeApiClient Client(KubeConfig config, ILogger<KubeApiClient>? logger = null) =>
        new(config, new KubeClientOptions(), TimeProvider.System, logger ?? NullLogger<KubeApiClient>.Instance);

    public static KubeApiClient Admin() => Client(KubeconfigLoader.Load(AdminKubeconfig));

    /// <summary>A DNS-1123 name unique to this test run.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    // ServiceAccounts as JSON: the tests only wait for one to exist.
    private static readonly KubeResource<JsonObject> ServiceAccounts =
        new("/api/v1", "serviceaccounts", true, KubeJson.TypeInfo<JsonObject>(KubeJson.Lenient), _ => null);

    /// <summary>
    /// Creates a fresh namespace (the names never repeat) and waits, as a client of a real cluster must, until
    /// the controller-manager's service account controller has made its `default` ServiceAccount: until then
    /// the ServiceAccount admission refuses every pod there.
    /// </summary>
    public static async Task<string> CreateNamespaceAsync(KubeApiClient admin, string prefix)
    {
        var name = UniqueName(prefix);
        await admin.CreateAsync(KubeResources.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = name } }, CancellationToken.None);
        await WaitForDefaultServiceAccountAsync(admin, name);
        return name;
    }

    public static async Task WaitForDefaultServiceAccountAsync(KubeApiClient admin, string ns)
    {
        var timeout = TimeSpan.FromSeconds(60);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                await admin.GetAsync(ServiceAccounts, ns, "default", CancellationToken.None);
                return;
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"no ServiceAccount {ns}/default within {timeout.TotalSeconds}s: is kube-controller-manager running (scripts/test-apiserver up starts it)?");
            }
        }
    }

    /// <summary>
    /// A pod as a cluster's client writes it, bound to a node by spec.nodeName. It carries the service account
    /// token volume the ServiceAccount admission adds (unless the instance runs with SHARPLET_TEST_SA_ADMISSION=off).
    /// </summary>
    public static Pod TestPod(string name, string ns, string nodeName, Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            TerminationGracePeriodSeconds = 0,
            Containers = [new Container { Name = "c", Image = "busybox" }],
        },
    };

    /// <summary>The cluster of the admin kubeconfig with another user: a client identity minted for the test.</summary>
    public static KubeConfig WithUser(KubeUser user)
    {
        var admin = KubeconfigLoader.Load(AdminKubeconfig);
        return admin with { User = user, SourcePath = "/test/" + user.Name + ".kubeconfig" };
    }

    /// <summary>A client certificate signed by the test API server's CA, valid in the given window.</summary>
    public static KubeUser MintCertificateUser(string userName, string subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var ca = TestPki.LoadCa(CaPath, CaKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = TestPki.IssueClient(ca, subject, key, notBefore, notAfter);

        // As KubeconfigCredentials does: a PKCS#12 round trip gives SslStream a key it can use on Linux.
        var certificate = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        return new KubeUser(userName, certificate);
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. The KubeClient integration tests talk to a real kube-apiserver: run them with scripts/test, " +
                "or first eval \"$(scripts/test-apiserver up)\" in this shell.");
}
