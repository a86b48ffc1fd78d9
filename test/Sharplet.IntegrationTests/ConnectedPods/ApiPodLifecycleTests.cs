using Sharplet.Api;
using Sharplet.KubeClient;
using Xunit.Abstractions;

namespace Sharplet.IntegrationTests.ConnectedPods;

// Pods created in the real API server run on the real containerd, and their statuses come back to the API.
public sealed class ApiPodLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("apilife", s =>
    {
        // Restarts within the test: 1 s doubling to 2 s.
        s.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        s.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(2);
    });

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task PodCreatedInApi_RunsAndApiShowsRunningWithPodIpWithinOneSecondOfContainerStart()
    {
        var ns = cluster.Namespace;
        await cluster.CreateAsync(cluster.Pod("web"));

        var (_, running) = await cluster.Watch.WaitForAsync(ns, "web", "phase Running with a pod IP", p =>
            p?.Status?.Phase == PodPhase.Running && !string.IsNullOrEmpty(p.Status.PodIP) && ConnectedCluster.Container(p)?.State?.Running is not null);

        // When the API first showed Running (the watch event's arrival), against containerd's own start time.
        var shownAt = cluster.Watch.History.First(h => h.Pod.Metadata?.Name == "web" && h.Pod.Status?.Phase == PodPhase.Running).At;
        var containerId = ConnectedCluster.Container(running)!.ContainerID!.Split("://")[1];
        var status = await cluster.Node.Runtime.ContainerStatusAsync(containerId, false, CancellationToken.None);
        var startedAt = DateTimeOffset.UnixEpoch.AddTicks(status.Status.StartedAt / 100);
        var latency = shownAt - startedAt;
        output.WriteLine($"container started {startedAt:O}, API showed Running {shownAt:O}: {latency.TotalMilliseconds:0} ms");
        latency.ShouldBeLessThan(TimeSpan.FromSeconds(1));

        running!.Status!.PodIPs!.Select(i => i.IP).ShouldContain(running.Status.PodIP);
        running.Status.HostIP.ShouldNotBeNullOrEmpty();
        running.Status.StartTime.ShouldNotBeNull();
        running.Status.Conditions!.Single(c => c.Type == PodConditionType.Ready).Status.ShouldBe(ConditionStatus.True);
    }

    [Fact]
    public async Task CrashingContainer_ApiShowsRestartCountAndCrashLoopBackOff()
    {
        var ns = cluster.Namespace;
        await cluster.CreateAsync(cluster.Pod("crash", "sh", "-c", "exit 3"));

        var (_, pod) = await cluster.Watch.WaitForAsync(ns, "crash", "restartCount >= 2 and waiting CrashLoopBackOff", p =>
            ConnectedCluster.Container(p) is { RestartCount: >= 2, State.Waiting.Reason: "CrashLoopBackOff" });

        var c = ConnectedCluster.Container(pod)!;
        c.LastState!.Terminated!.ExitCode.ShouldBe(3);
        c.State!.Waiting!.Message.ShouldNotBeNull().ShouldContain("back-off");
        pod!.Status!.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public async Task ConditionSetByAnotherWriter_SurvivesTheNodesLaterStatusWrites()
    {
        var ns = cluster.Namespace;
        await cluster.CreateAsync(cluster.Pod("shared", "sh", "-c", "sleep 1; exit 1"));
        var (_, first) = await cluster.Watch.WaitForAsync(ns, "shared", "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null);
        var restartsBefore = ConnectedCluster.Container(first)!.RestartCount;

        // Another controller (a readiness gate owner) adds its own condition.
        var condition = new System.Text.Json.Nodes.JsonObject { ["type"] = "example.com/ready", ["status"] = "True" };
        var patch = new System.Text.Json.Nodes.JsonObject { ["status"] = new System.Text.Json.Nodes.JsonObject { ["conditions"] = new System.Text.Json.Nodes.JsonArray(condition) } };
        await cluster.Admin.PatchStatusAsync(KubeResources.Pods, ns, "shared", KubePatch.StrategicMerge(patch), CancellationToken.None);

        // The node writes new statuses as the container restarts; each must keep the other writer's condition.
        var (_, later) = await cluster.Watch.WaitForAsync(ns, "shared", "two more restarts written", p =>
            ConnectedCluster.Container(p)?.RestartCount >= restartsBefore + 2, TimeSpan.FromSeconds(60));
        later!.Status!.Conditions!.ShouldContain(c => c.Type == "example.com/ready" && c.Status == "True");
        later.Status.Conditions!.ShouldContain(c => c.Type == PodConditionType.Ready);
    }

    [Fact]
    public async Task PodDeletedGracefully_StopsWithinGracePeriodAndObjectGoes()
    {
        var ns = cluster.Namespace;
        var pod = cluster.Pod("graceful", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done");
        pod.Spec!.TerminationGracePeriodSeconds = 20;
        var created = await cluster.CreateAsync(pod);
        await cluster.Watch.WaitForAsync(ns, "graceful", "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null);

        var started = DateTimeOffset.UtcNow;
        var pending = await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, "graceful", new DeleteOptions { GracePeriodSeconds = 20 }, CancellationToken.None);
        pending.ShouldNotBeNull("a graceful delete leaves the object until the kubelet confirms");

        // The node's final DELETE removes the object once the container (which exits on TERM) is down.
        await cluster.Watch.WaitForAsync(ns, "graceful", "object removed from the API", p => p is null, TimeSpan.FromSeconds(20));
        var took = DateTimeOffset.UtcNow - started;
        output.WriteLine($"graceful delete took {took.TotalMilliseconds:0} ms");
        took.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        (await cluster.Node.SandboxesAsync()).ShouldNotContain(s => s.Metadata.Uid == created.Metadata!.Uid && s.State == Sharplet.Cri.V1.PodSandboxState.SandboxReady);

        // The last status written before the delete said the container terminated.
        var last = cluster.Watch.History.Last(h => h.Pod.Metadata?.Uid == created.Metadata!.Uid && h.Type != InformerEventType.Deleted).Pod;
        ConnectedCluster.Container(last)?.State?.Terminated.ShouldNotBeNull();
    }

    [Fact]
    public async Task PodForceDeletedInApi_IsStoppedAndCleanedUp()
    {
        var ns = cluster.Namespace;
        var created = await cluster.CreateAsync(cluster.Pod("forced"));
        var uid = created.Metadata!.Uid!;
        await cluster.Watch.WaitForAsync(ns, "forced", "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null);

        await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, "forced", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await cluster.Node.SandboxesAsync()).Any(s => s.Metadata.Uid == uid))
        {
            // The runtime has no change stream to await: the node's own status manager is the signal.
            await cluster.Node.Statuses.NextChange.WaitAsync(cts.Token);
        }

        cluster.Node.Statuses.Get(uid).ShouldBeNull();
    }

    [Fact]
    public async Task PodRefusedAtAdmission_ApiShowsFailedWithUpstreamReason()
    {
        var ns = cluster.Namespace;
        var pod = cluster.Pod("picky");
        pod.Spec!.NodeSelector = new() { ["disk"] = "ssd" };
        await cluster.CreateAsync(pod);

        var (_, refused) = await cluster.Watch.WaitForAsync(ns, "picky", "phase Failed", p => p?.Status?.Phase == PodPhase.Failed);

        refused!.Status!.Reason.ShouldBe("NodeAffinity");

        // An edit must not start it, and a graceful delete ends with the node's final DELETE (it has nothing to stop).
        await cluster.Admin.PatchAsync(KubeResources.Pods, ns, "picky",
            KubePatch.Merge(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["labels"] = new System.Text.Json.Nodes.JsonObject { ["edited"] = "yes" } } }),
            CancellationToken.None);
        await cluster.Watch.WaitForAsync(ns, "picky", "label seen", p => p?.Metadata?.Labels?.ContainsKey("edited") == true);

        // A barrier: the node handles pod changes in order, so once a pod created after the edit runs, a
        // wrongly started picky would have had as long to start as this one.
        await cluster.CreateAsync(cluster.Pod("barrier"));
        await cluster.Watch.WaitForAsync(ns, "barrier", "container running", p => ConnectedCluster.Container(p)?.State?.Running is not null);
        (await cluster.Node.SandboxesAsync()).ShouldNotContain(s => s.Metadata.Name == "picky", "the edit must not start a refused pod");
        await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, "picky", new DeleteOptions { GracePeriodSeconds = 30 }, CancellationToken.None);
        await cluster.Watch.WaitForAsync(ns, "picky", "object removed by the node", p => p is null, TimeSpan.FromSeconds(20));
        (await cluster.Node.SandboxesAsync()).ShouldNotContain(s => s.Metadata.Name == "picky");

        // Had the edit started it, its worker's statuses (Pending, Running) would have reached the API.
        var phases = cluster.Watch.History.Where(h => h.Pod.Metadata?.Name == "picky").Select(h => h.Pod.Status?.Phase)
            .SkipWhile(p => p != PodPhase.Failed).Distinct().ToList();
        phases.ShouldBe([PodPhase.Failed]);
        cluster.Node.Log.ShouldNotContain(l => l.Contains("picky", StringComparison.Ordinal) && l.Contains("Started container", StringComparison.Ordinal));
    }
}
