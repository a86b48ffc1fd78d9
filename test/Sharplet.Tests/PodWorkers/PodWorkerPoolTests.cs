using Sharplet.Cri.V1;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// The pool on the in-memory runtime: every pod has its own worker, so one pod's slow stop never waits for another's.
public sealed class PodWorkerPoolTests : IAsyncLifetime
{
    private const int Pods = 30;
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    // The side-by-side run of issue 12: 30 manifests removed at once must cost one stop latency (the grace period),
    // not one per pod, and must not wait for a relist (no PLEG runs here).
    [Fact]
    public async Task RemovePod_ThirtyPodsAtOnce_StopsRunConcurrentlyWithoutARelist()
    {
        var pool = core.Get<PodWorkerPool>();
        for (var i = 0; i < Pods; i++)
        {
            var n = i;
            pool.UpdatePod(new PodBuilder().Container("main").Meta(m => (m.Name, m.Uid) = ($"batch-{n}", $"uid-{n}")).Spec(s => s.TerminationGracePeriodSeconds = 1).Build());
        }

        await FakeCore.UntilAsync(() => core.Runtime.Containers().Count(c => c.State == ContainerState.ContainerRunning) == Pods, $"{Pods} pods default/batch-*: container main running");
        core.Runtime.SetLatency("StopContainer", TimeSpan.FromSeconds(2));

        for (var i = 0; i < Pods; i++)
        {
            pool.RemovePod($"uid-{i}");
        }

        await FakeCore.UntilAsync(() => core.Runtime.InFlight("StopContainer") == Pods,
            $"{Pods} pods default/batch-*: StopContainer in flight at once (max so far {core.Runtime.MaxInFlight("StopContainer")})");
        core.Time.Advance(TimeSpan.FromSeconds(2));

        await FakeCore.UntilAsync(() => core.Runtime.Sandboxes().Count == 0 && core.Runtime.Containers().Count == 0 && pool.Workers.Count == 0,
            $"{Pods} pods default/batch-*: stopped and removed one stop latency after their removal");
        core.Runtime.MaxInFlight("StopContainer").ShouldBe(Pods);
        core.Runtime.CountOf("StopContainer").ShouldBe(Pods, "each container is stopped once, not again by cleanup");
    }
}
