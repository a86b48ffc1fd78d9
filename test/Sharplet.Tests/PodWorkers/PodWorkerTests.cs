using Sharplet.Api;
using ContainerState = Sharplet.Cri.V1.ContainerState;
using Sharplet.PodWorkers;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// One pod's worker on the in-memory runtime: updates arriving while a step runs are never lost, only coalesced.
public sealed class PodWorkerTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task Update_WhileSyncing_TheNewestUpdateIsSyncedNext()
    {
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(Version("v1"));
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.State == ContainerState.ContainerRunning), "pod default/web: container app running");

        // The next sync blocks in its first runtime read; two updates land meanwhile.
        core.Runtime.SetLatency("ListPodSandbox", TimeSpan.FromSeconds(1));
        pool.UpdatePod(Version("v2"));
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("ListPodSandbox") == 1, "pod default/web: sync of v2 reading the runtime");
        pool.UpdatePod(Version("v3"));
        pool.UpdatePod(Version("v4"));
        core.Runtime.SetLatency("ListPodSandbox", TimeSpan.Zero);
        core.Time.Advance(TimeSpan.FromSeconds(1));

        var statuses = core.Get<StatusManager>();
        await FakeCore.UntilAsync(() => LabelOf(statuses.Get("uid-1")?.Pod) == "v4", "pod default/web: status of update v4 reported");
        LabelOf(pool.Get("uid-1")!.Pod).ShouldBe("v4");
    }

    [Fact]
    public async Task Remove_WhileStarting_ThePodIsStoppedAndRemovedOnceTheStartReturns()
    {
        var pool = core.Get<PodWorkerPool>();
        core.Runtime.SetLatency("CreateContainer", TimeSpan.FromSeconds(5));
        pool.UpdatePod(Version("v1"));
        await FakeCore.UntilAsync(() => core.Runtime.InFlight("CreateContainer") == 1, "pod default/web: container app being created");

        pool.RemovePod("uid-1", 0);
        core.Time.Advance(TimeSpan.FromSeconds(5));

        await FakeCore.UntilAsync(() => !pool.Knows("uid-1"), "pod default/web: worker finished after its removal during the start");
        core.Runtime.Containers().ShouldBeEmpty("the container created during the removal must not be left behind");
        core.Runtime.Sandboxes().ShouldBeEmpty();
    }

    private static Pod Version(string version) =>
        new PodBuilder().Container("app").Meta(m => m.Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = version }).Build();

    private static string? LabelOf(Pod? pod) => pod?.Metadata?.Labels?.GetValueOrDefault("version");
}
