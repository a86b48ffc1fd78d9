using Sharplet.Cri.V1;
using Sharplet.Pleg;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// Housekeeping on the in-memory runtime: orphans are pods the runtime holds that no worker owns.
public sealed class HousekeepingTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task RunOnce_PodItsWorkerStoppedAfterTheLastRelist_IsNotStoppedASecondTime()
    {
        var pool = core.Get<PodWorkerPool>();
        var pleg = core.Get<GenericPleg>();
        var pod = new PodBuilder().Container("app").Build();
        pool.UpdatePod(pod);
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.State == ContainerState.ContainerRunning), "pod default/web: container app running");

        // The relist sees the running pod; then its worker stops and cleans it up before the next relist.
        await pleg.RelistAsync(CancellationToken.None);
        pool.RemovePod("uid-1", 0);
        await FakeCore.UntilAsync(() => !pool.Knows("uid-1"), "pod default/web: worker finished");
        var stopsByWorker = core.Runtime.CountOf("StopPodSandbox");
        var containerStopsByWorker = core.Runtime.CountOf("StopContainer");
        pleg.Latest!.Pods.ShouldContainKey("uid-1", "the snapshot housekeeping reads must still show the pod its worker stopped");

        await core.Get<Housekeeping>().RunOnceAsync(CancellationToken.None);

        pool.Knows("uid-1").ShouldBeFalse("housekeeping started a second stop of pod default/web from a relist older than its worker's stop");
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("StopContainer") == 0 && core.Runtime.InFlight("StopPodSandbox") == 0, "pod default/web: no stop in flight");
        core.Runtime.CountOf("StopPodSandbox").ShouldBe(stopsByWorker);
        core.Runtime.CountOf("StopContainer").ShouldBe(containerStopsByWorker, "pod default/web: container app stopped a second time");
    }

    [Fact]
    public async Task RunOnce_PodTheRuntimeHoldsAndNoWorkerOwns_IsStoppedAndRemoved()
    {
        var sandbox = await core.Runtime.RunPodSandboxAsync(OrphanSandbox(), string.Empty, CancellationToken.None);
        await core.Get<GenericPleg>().RelistAsync(CancellationToken.None);

        await core.Get<Housekeeping>().RunOnceAsync(CancellationToken.None);

        await FakeCore.UntilAsync(() => core.Runtime.Sandboxes().Count == 0, $"orphan sandbox {sandbox} removed");
        core.Runtime.CountOf($"StopPodSandbox {sandbox}").ShouldBe(1);
    }

    private static PodSandboxConfig OrphanSandbox()
    {
        var config = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = "left", Namespace = "default", Uid = "uid-orphan" } };
        config.Labels.Add("io.kubernetes.pod.uid", "uid-orphan");
        config.Labels.Add("io.kubernetes.pod.name", "left");
        config.Labels.Add("io.kubernetes.pod.namespace", "default");
        return config;
    }
}
