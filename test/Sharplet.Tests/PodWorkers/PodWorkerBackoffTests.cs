using Sharplet.KubeContainer;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;
using ContainerState = Sharplet.Cri.V1.ContainerState;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// A pod in CrashLoopBackOff waits on a timer for its next restart; stopping it must not wait for that timer.
// The fake clock never moves in these tests, so a stop that waited out the backoff would never finish.
public sealed class PodWorkerBackoffTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task Remove_DuringCrashLoopBackOff_StopsWithoutWaitingOutTheBackoff()
    {
        var pool = core.Get<PodWorkerPool>();
        await CrashLoopAsync(pool);

        pool.RemovePod("uid-1", 0);

        await FakeCore.UntilAsync(() => !pool.Knows("uid-1"), "pod default/web: worker finished after its removal during the back-off (clock not advanced)");
        core.Runtime.Sandboxes().ShouldBeEmpty();
        core.Runtime.Containers().ShouldBeEmpty();
    }

    [Fact]
    public async Task Kill_DuringCrashLoopBackOff_TerminatesWithoutWaitingOutTheBackoff()
    {
        var pool = core.Get<PodWorkerPool>();
        await CrashLoopAsync(pool);

        var kill = pool.KillAsync("uid-1", new PodKill(0, "Evicted", "The node was low on resource: memory.", null), TimeSpan.FromMinutes(5), CancellationToken.None);

        await FakeCore.UntilAsync(() => kill.IsCompleted, "pod default/web: eviction kill finished during the back-off (clock not advanced)");
        (await kill).ShouldBeTrue();
        pool.StateOf("uid-1").ShouldBe(Sharplet.Pods.PodWorkerState.Terminated);
        core.Runtime.Sandboxes().ShouldAllBe(s => s.State == Sharplet.Cri.V1.PodSandboxState.SandboxNotready);
    }

    // Runs the pod, lets its container fail twice (the first failure restarts at once, the second is held back).
    private async Task CrashLoopAsync(PodWorkerPool pool)
    {
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await FakeCore.UntilAsync(() => core.Runtime.Containers().Count(c => c.State == ContainerState.ContainerRunning) == 1,
                $"pod default/web: container app running (attempt {attempt})");
            core.Runtime.Exit(core.Runtime.Containers().Single(c => c.State == ContainerState.ContainerRunning).Id, 1);
            pool.SyncPod("uid-1");
        }

        var reasons = core.Get<ReasonCache>();
        await FakeCore.UntilAsync(() => reasons.Get("uid-1", "app")?.Reason == StartReasons.CrashLoopBackOff, "pod default/web: container app in CrashLoopBackOff");
        core.Runtime.Containers().ShouldNotContain(c => c.State == ContainerState.ContainerRunning);
    }
}
