using System.Globalization;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Cluster;

// The node lifecycle controller judges Sharplet's heartbeats (lease and status): a node stopped for longer
// than the controller's grace period is marked NotReady (Ready=Unknown, "Kubelet stopped posting node
// status.") and tainted unreachable:NoSchedule; when Sharplet comes back, Ready=True again and the taint goes.
public sealed class NodeLifecycleTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private ClusterNode node = null!;

    // What scripts/test-apiserver gave the controller-manager (--node-monitor-grace-period).
    private static TimeSpan Grace =>
        Environment.GetEnvironmentVariable("SHARPLET_TEST_NODE_MONITOR_GRACE_PERIOD") is { Length: > 1 } value && value.EndsWith('s')
            ? TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(20);

    public async Task InitializeAsync() => node = await ClusterNode.StartAsync(admin, "lifecycle");

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        admin.Dispose();
    }

    [Fact]
    public async Task NodeStoppedLongerThanTheGracePeriod_IsMarkedNotReady_AndReadyAgainWhenItReturns()
    {
        await node.WaitForReadyAsync("True", TimeSpan.FromSeconds(60));
        await Nodes.ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", node.NodeName, CancellationToken.None),
            l => l.Spec?.RenewTime is not null, $"lease of node {node.NodeName} renewed", TimeSpan.FromSeconds(30));

        await node.StopAsync();
        var lastRenewal = (await admin.GetAsync(KubeResources.Leases, "kube-node-lease", node.NodeName, CancellationToken.None)).Spec!.RenewTime!.Value;
        var stopped = await node.WaitForReadyAsync("Unknown", Grace + TimeSpan.FromSeconds(40));

        var ready = ClusterNode.Ready(stopped)!;
        ready.Reason.ShouldBe("NodeStatusUnknown");
        ready.Message.ShouldBe("Kubelet stopped posting node status.");

        // Judged on the heartbeats: not before the grace period after the last one.
        (ready.LastTransitionTime!.Value - lastRenewal).ShouldBeGreaterThanOrEqualTo(Grace - TimeSpan.FromSeconds(1));
        // The condition's taint keeps new pods away. (The NoExecute taint that evicts is rate-limited per zone and
        // withheld while a whole zone is down, which a one-node test cluster is: not asserted.)
        await Nodes.ApiPoll.UntilAsync(node.GetAsync, n => n.Spec?.Taints?.Any(t => t.Key == "node.kubernetes.io/unreachable" && t.Effect == "NoSchedule") == true,
            $"node {node.NodeName} tainted unreachable:NoSchedule", TimeSpan.FromSeconds(30));

        await node.StartAgainAsync();
        var back = await node.WaitForReadyAsync("True", TimeSpan.FromSeconds(60));

        ClusterNode.Ready(back)!.Reason.ShouldBe("KubeletReady");
        await Nodes.ApiPoll.UntilAsync(node.GetAsync, n => n.Spec?.Taints?.Any(t => t.Key == "node.kubernetes.io/unreachable") != true,
            $"node {node.NodeName} without the unreachable taint", TimeSpan.FromSeconds(30));
    }
}
