using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.KubeClient;
using Xunit.Abstractions;

namespace Sharplet.IntegrationTests.ConnectedPods;

// Connected pods when the way to the API server is bad: the Sharplet talks to the real server through the
// fault proxy. The outage is made at the proxy (connections refused), not by stopping the shared API server,
// so these tests run alongside every other test and need no private server or serialized collection.
public sealed class ApiFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FaultProxy proxy = null!;
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("apifault", kubeconfigFor: async nodeKubeconfig =>
    {
        proxy = await FaultProxy.StartAsync(nodeKubeconfig);
        return proxy.KubeconfigThroughProxy(nodeKubeconfig);
    });

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await proxy.DisposeAsync();
    }

    [Fact]
    public async Task DroppedWatchesAndGoneResourceVersions_NoPodMissedOrDuplicated()
    {
        var ns = cluster.Namespace;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "a0", "a1", "a2" })
        {
            wanted[name] = (await cluster.CreateAsync(cluster.Pod(name))).Metadata!.Uid!;
        }

        await WaitAllRunningAsync(wanted.Keys);
        var removed = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // The next watch is refused with 410 (the informer must relist), and the open one is cut now; the
            // changes below happen while the node is not watching, so only the relist can show them.
            var gone = 1;
            proxy.SetRule(r => r.IsWatch && Interlocked.Exchange(ref gone, 0) == 1 ? ProxyFault.Status(410) : null);
            proxy.DropWatches().ShouldBeGreaterThan(0, "the node should have had a pod watch open");
            var name = $"b{i}";
            wanted[name] = (await cluster.CreateAsync(cluster.Pod(name))).Metadata!.Uid!;
            if (i < 3)
            {
                var victim = $"a{i}";
                await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, victim, new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
                removed.Add(wanted[victim]);
                wanted.Remove(victim);
            }

            await cluster.Watch.WaitForAsync(ns, name, "running after a dropped watch and a 410", p => ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(60));
        }

        proxy.ClearRule();
        await WaitAllRunningAsync(wanted.Keys);
        proxy.Faulted.ShouldBeGreaterThanOrEqualTo(4);
        cluster.Node.Log.ShouldContain(l => l.Contains("resourceVersion too old (410), relisting", StringComparison.Ordinal));

        // Every wanted pod runs exactly once: one sandbox, one container that never restarted; the removed
        // ones are gone from the node.
        await WaitForNodeAsync("the removed pods cleaned up", async () =>
            (await cluster.Node.SandboxesAsync()).All(s => !removed.Contains(s.Metadata.Uid)));
        var sandboxes = await cluster.Node.SandboxesAsync();
        foreach (var (name, uid) in wanted)
        {
            sandboxes.Where(s => s.Metadata.Uid == uid).ShouldHaveSingleItem($"pod {name} should have exactly one sandbox");
            ConnectedCluster.Container(cluster.Watch.Get(ns, name))!.RestartCount.ShouldBe(0);
        }

        cluster.Node.Statuses.All().Select(e => e.Pod.Metadata!.Uid!).ShouldBe(wanted.Values, ignoreOrder: true);
    }

    [Fact]
    public async Task ApiUnreachableFor60s_PodsKeepRunning_AndStatusesCatchUp()
    {
        var ns = cluster.Namespace;
        await cluster.CreateAsync(cluster.Pod("steady"));
        var finisher = cluster.Pod("finisher", "sh", "-c", "sleep 20; exit 0");
        finisher.Spec!.RestartPolicy = "Never";
        await cluster.CreateAsync(finisher);
        await WaitAllRunningAsync(["steady", "finisher"]);
        var steadyContainer = ConnectedCluster.Container(cluster.Watch.Get(ns, "steady"))!.ContainerID;

        await proxy.RefuseAsync();
        var outage = DateTimeOffset.UtcNow;

        // The node goes on without the API: the finisher completes, the steady pod keeps running.
        await cluster.WaitForLocalAsync("finisher", "Succeeded during the outage", e => e.Status.Phase == PodPhase.Succeeded, TimeSpan.FromSeconds(50));
        cluster.Watch.Get(ns, "finisher")!.Status!.Phase.ShouldBe(PodPhase.Running, "the API cannot have heard of it yet");
        var remaining = TimeSpan.FromSeconds(60) - (DateTimeOffset.UtcNow - outage);
        if (remaining > TimeSpan.Zero)
        {
            // The outage's length is the scenario itself, not a wait for a state.
            await Task.Delay(remaining);
        }

        var steadyUid = cluster.Watch.Get(ns, "steady")!.Metadata!.Uid;
        (await cluster.Node.SandboxesAsync()).Where(s => s.Metadata.Uid == steadyUid).ShouldHaveSingleItem().State.ShouldBe(Sharplet.Cri.V1.PodSandboxState.SandboxReady);
        cluster.Node.Statuses.Get(steadyUid!)!.Status.Phase.ShouldBe(PodPhase.Running);
        await proxy.AcceptAsync();
        var back = DateTimeOffset.UtcNow;

        var (at, done) = await cluster.Watch.WaitForAsync(ns, "finisher", "Succeeded in the API after the outage", p => p?.Status?.Phase == PodPhase.Succeeded, TimeSpan.FromSeconds(30));
        output.WriteLine($"outage {(back - outage).TotalSeconds:0} s; finisher's status reached the API {(at - back).TotalMilliseconds:0} ms after connections were accepted again");
        ConnectedCluster.Container(done)!.State!.Terminated!.ExitCode.ShouldBe(0);
        var steady = cluster.Watch.Get(ns, "steady");
        steady!.Status!.Phase.ShouldBe(PodPhase.Running);
        ConnectedCluster.Container(steady)!.ContainerID.ShouldBe(steadyContainer);
        ConnectedCluster.Container(steady)!.RestartCount.ShouldBe(0);
    }

    [Fact]
    public async Task StatusWritesAnswered500And429_StillReachTheApi()
    {
        var ns = cluster.Namespace;
        var refused = 0;
        proxy.SetRule(r =>
        {
            if (r.Method != "PATCH" || !r.Path.EndsWith("/status", StringComparison.Ordinal))
            {
                return null;
            }

            var n = Interlocked.Increment(ref refused);
            return n <= 3 ? ProxyFault.Status(500) : n <= 5 ? ProxyFault.Status(429, TimeSpan.FromSeconds(1)) : null;
        });
        await cluster.CreateAsync(cluster.Pod("flaky"));

        await cluster.Watch.WaitForAsync(ns, "flaky", "Running despite refused status writes", p => ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(60));
        Volatile.Read(ref refused).ShouldBeGreaterThan(5);
        cluster.Node.Log.ShouldContain(l => l.Contains("status update failed, retrying", StringComparison.Ordinal));
    }

    private async Task WaitAllRunningAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            await cluster.Watch.WaitForAsync(cluster.Namespace, name, "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null);
        }
    }

    private async Task WaitForNodeAsync(string what, Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            try
            {
                await cluster.Node.Statuses.NextChange.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"node {cluster.NodeName}: {what} did not happen within 30s");
            }
        }
    }
}
