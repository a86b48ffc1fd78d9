using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Nodes;

// The API server goes away under a running node and comes back: Sharplet keeps running, says so once, backs
// off, and renews its lease and status again on its own. Uses an API server of its own, never the shared one.
public sealed class ApiOutageTests : IAsyncLifetime
{
    private PrivateApiServer server = null!;
    private KubeApiClient admin = null!;

    public async Task InitializeAsync()
    {
        server = await PrivateApiServer.StartAsync(Guid.NewGuid().ToString("N")[..8]);
        admin = TestApiServer.Client(KubeconfigLoader.Load(server.AdminKubeconfig));
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task ApiServerRestart_NodeKeepsRunning_AndRenewsLeaseAndStatusAgain()
    {
        var settings = SharpletNode.DefaultSettings("outage");
        settings.Kubeconfig = await server.NodeKubeconfigAsync(settings.HostnameOverride!);
        settings.NodeLeaseDurationSeconds = 4;
        settings.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1);
        settings.NodeStatusReportFrequency = TimeSpan.FromSeconds(2);
        await using var node = await SharpletNode.StartAsync(settings);
        var name = node.NodeName;
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", name, CancellationToken.None), _ => true, "created", TimeSpan.FromSeconds(10));

        await server.StopApiServerAsync();
        await LogWait.ForAsync(node, $"Error: Unable to renew node lease kube-node-lease/{name}", TimeSpan.FromSeconds(20));
        await LogWait.ForAsync(node, $"Error: Unable to update the status of node {name}", TimeSpan.FromSeconds(20));
        var down = DateTimeOffset.UtcNow;
        await server.StartApiServerAsync();

        // The lease's ensure backoff is capped at 7 s and the status period is 1 s: both are back well within 15 s.
        var lease = await ApiPoll.UntilAsync(
            () => admin.GetAsync(KubeResources.Leases, "kube-node-lease", name, CancellationToken.None),
            l => l.Spec?.RenewTime > down,
            "renewed after the outage",
            TimeSpan.FromSeconds(15));
        await LogWait.ForAsync(node, $"Node lease kube-node-lease/{name} is renewed again", TimeSpan.FromSeconds(5));
        await LogWait.ForAsync(node, $"Status updates of node {name} work again", TimeSpan.FromSeconds(10));
        lease.Spec!.HolderIdentity.ShouldBe(name);

        // Loud once (or a few times, when in-flight requests broke differently as the server went down); every
        // further failure of the outage went to the debug log.
        node.Log.Count(l => l.StartsWith($"Error: Unable to renew node lease kube-node-lease/{name}", StringComparison.Ordinal)).ShouldBeInRange(1, 3);
        node.Log.Count(l => l.StartsWith($"Debug: Unable to renew node lease kube-node-lease/{name}, failure", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }
}
