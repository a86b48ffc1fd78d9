using Sharplet.Cri.V1;
using Sharplet.Eviction;
using Sharplet.PodWorkers;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Eviction;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// An evicted pod on the in-memory runtime: killed by its worker, reported Failed/Evicted, never restarted.
public sealed class WorkerPodEvictorTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task EvictedPod_IsStoppedAndReportedFailedEvictedWithTheDisruptionTargetCondition()
    {
        var pool = core.Get<PodWorkerPool>();
        var pod = new PodBuilder().Container("app").Build();
        pool.UpdatePod(pod);
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.State == ContainerState.ContainerRunning), "pod default/web: container app running");

        var evicted = await core.Get<IPodEvictor>().EvictAsync(pod, 0, "The node was low on resource: memory. ", CancellationToken.None);

        evicted.ShouldBeTrue();
        core.Runtime.Containers().ShouldAllBe(c => c.State == ContainerState.ContainerExited, "pod default/web: containers stopped by the eviction");
        var status = core.Get<StatusManager>().Get("uid-1")!.Status;
        status.Phase.ShouldBe("Failed");
        status.Reason.ShouldBe("Evicted");
        status.Message.ShouldBe("The node was low on resource: memory. ");
        var condition = status.Conditions!.Single(c => c.Type == "DisruptionTarget");
        (condition.Status, condition.Reason).ShouldBe(("True", "TerminationByKubelet"));

        // The source sends the pod again (a resync): it stays down.
        pool.UpdatePod(pod);
        pool.SyncPod("uid-1");
        await Task.Yield();
        core.Runtime.Containers().ShouldAllBe(c => c.State == ContainerState.ContainerExited, "pod default/web: an evicted pod is not restarted");
        core.Get<IPodEvictor>().ActivePods().ShouldBeEmpty();
        (await core.Get<IPodEvictor>().EvictAsync(pod, 0, "again", CancellationToken.None)).ShouldBeFalse("an evicted pod is not evicted twice");
    }
}
