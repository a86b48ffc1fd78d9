using Sharplet.Api;
using Sharplet.PodWorkers;
using Sharplet.Server.Metrics;
using Sharplet.Statuses;
using Sharplet.Tests.Server.Metrics;
using Sharplet.TestSupport;
using ContainerState = Sharplet.Cri.V1.ContainerState;
using PodWorkerState = Sharplet.Pods.PodWorkerState;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// Calls into a pod worker that land while one of its steps is held in the fake runtime: each must take effect
// after the step returns, never be lost to it nor undo it.
public sealed class PodWorkerRaceTests : IAsyncLifetime
{
    private static readonly PodKill Eviction = new(0, "Evicted", "The node was low on resource: memory.", null);
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    // The manifest is put back while the worker is removing the pod's last traces: the worker must start the pod
    // again after its cleanup instead of ending (the pool hands the update to the ending worker, so if that
    // worker dropped it, nothing would ever start the pod).
    [Fact]
    public async Task Update_DuringTheCleanupOfARemovedPod_StartsThePodAgainAfterIt()
    {
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await UntilRunningAsync(1, "pod default/web: container app running");
        core.Runtime.SetLatency("RemovePodSandbox", TimeSpan.FromSeconds(5));
        pool.RemovePod("uid-1", 0);
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("RemovePodSandbox") == 1, "pod default/web: cleanup removing the sandbox");

        pool.UpdatePod(new PodBuilder().Container("app").Build());
        core.Runtime.SetLatency("RemovePodSandbox", TimeSpan.Zero);
        core.Time.Advance(TimeSpan.FromSeconds(5));

        await UntilRunningAsync(1, "pod default/web: started again after its cleanup");
        core.Runtime.Sandboxes().ShouldHaveSingleItem().State.ShouldBe(Sharplet.Cri.V1.PodSandboxState.SandboxReady);
        pool.StateOf("uid-1").ShouldBe(PodWorkerState.Syncing);
    }

    // kubelet_pod_worker_duration_seconds names the first pass after a config change "update": a change landing
    // while a pass runs must still make the next pass an update, not be reset to "sync" by the pass's end.
    [Fact]
    public async Task Update_WhileAPassRuns_MakesTheNextPassAnUpdate()
    {
        var metrics = core.Get<KubeletMetrics>();
        var pool = await RunningWithASyncPassHeldAsync(TimeSpan.FromSeconds(1));

        pool.UpdatePod(new PodBuilder().Container("app").Meta(m => m.Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["tier"] = "web" }).Build());
        core.Runtime.SetLatency("ListPodSandbox", TimeSpan.Zero);
        core.Time.Advance(TimeSpan.FromSeconds(1));

        await FakeCore.UntilAsync(() => EventTimeMetricsTests.Count(metrics, "update") == 1, "pod default/web: the pass after the label change observed as an update");
        EventTimeMetricsTests.Count(metrics, "sync").ShouldBeGreaterThanOrEqualTo(1, "the held pass itself was a sync");
    }

    // An eviction kill that arrives while the pod is already being removed is refused (the removal's grace period
    // and final state win); it lands while the worker still syncs, so only the removal flag can refuse it.
    [Fact]
    public async Task Kill_AfterARemovalWhileTheWorkerStillSyncs_IsRefused()
    {
        var pool = await RunningWithASyncPassHeldAsync(TimeSpan.FromSeconds(1));
        var worker = pool.Get("uid-1")!;

        pool.RemovePod("uid-1", 0);

        worker.State.ShouldBe(PodWorkerState.Syncing, "the pass is still held");
        worker.Kill(Eviction).ShouldBeFalse("pod default/web is already being removed");
        worker.Killed.ShouldBeFalse();
        core.Runtime.SetLatency("ListPodSandbox", TimeSpan.Zero);
        core.Time.Advance(TimeSpan.FromSeconds(1));
        await FakeCore.UntilAsync(() => !pool.Knows("uid-1"), "pod default/web: removed");
    }

    // An eviction kill that lands while the pod's container is being created: once the create returns the pod is
    // stopped, reported Failed/Evicted, and KillAsync returns once its containers are down (not at its timeout).
    [Fact]
    public async Task Kill_WhileAContainerIsBeingCreated_StopsThePodOnceTheCreateReturns_ReportedEvicted()
    {
        var pool = core.Get<PodWorkerPool>();
        core.Runtime.SetLatency("CreateContainer", TimeSpan.FromSeconds(5));
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("CreateContainer") == 1, "pod default/web: container app being created");

        var kill = pool.KillAsync("uid-1", Eviction, TimeSpan.FromMinutes(5), CancellationToken.None);
        core.Runtime.SetLatency("CreateContainer", TimeSpan.Zero);
        core.Time.Advance(TimeSpan.FromSeconds(5));

        await FakeCore.UntilAsync(() => kill.IsCompleted, "pod default/web: eviction kill finished after the create returned");
        (await kill).ShouldBeTrue();
        pool.StateOf("uid-1").ShouldBe(PodWorkerState.Terminated);
        core.Runtime.Containers().ShouldNotContain(c => c.State == ContainerState.ContainerRunning, "the container created during the kill must not be left running");
        var status = core.Get<StatusManager>().Get("uid-1")!.Status;
        (status.Phase, status.Reason).ShouldBe((PodPhase.Failed, "Evicted"));
    }

    // The node stops (the pool is disposed) while an eviction waits for its pod to go down: the worker ends
    // without terminating, and the eviction's wait must end with it, not hang until its timeout (which, on the
    // fake clock that never moves here, is never).
    [Fact]
    public async Task KillAsync_WhenTheWorkerEndsBecauseTheNodeStops_ReturnsInsteadOfWaitingForItsTimeout()
    {
        var pool = await RunningWithASyncPassHeldAsync(TimeSpan.FromMinutes(1));
        var kill = pool.KillAsync("uid-1", Eviction, TimeSpan.FromMinutes(5), CancellationToken.None);

        await pool.DisposeAsync();

        await FakeCore.UntilAsync(() => kill.IsCompleted, "pod default/web: eviction wait ended with the worker");
        (await kill).ShouldBeTrue();
    }

    // Registered as itself and as IPodWorkerStates, the pool is disposed twice by the container (4585f3e).
    [Fact]
    public async Task DisposeAsync_Twice_IsANoOp()
    {
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await UntilRunningAsync(1, "pod default/web: container app running");

        await pool.DisposeAsync();
        await Should.NotThrowAsync(pool.DisposeAsync().AsTask());
    }

    // Runs pod default/web, waits until its create pass has ended, then holds its next sync pass in its first
    // runtime read for this long on the fake clock (which only the test moves).
    private async Task<PodWorkerPool> RunningWithASyncPassHeldAsync(TimeSpan hold)
    {
        var metrics = core.Get<KubeletMetrics>();
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await UntilRunningAsync(1, "pod default/web: container app running");
        await FakeCore.UntilAsync(() => EventTimeMetricsTests.Count(metrics, "create") == 1, "pod default/web: the create pass ended");
        core.Runtime.SetLatency("ListPodSandbox", hold);
        pool.SyncPod("uid-1");
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("ListPodSandbox") == 1, "pod default/web: a sync pass held reading the runtime");
        return pool;
    }

    private Task UntilRunningAsync(int count, string phase) =>
        FakeCore.UntilAsync(() => core.Runtime.Containers().Count(c => c.State == ContainerState.ContainerRunning) == count, phase);
}
