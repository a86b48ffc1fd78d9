using Sharplet.Cri.V1;
using Sharplet.Pleg;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Pleg;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// What the event stream is for (EventedPleg's comment): a container's exit reaches its pod worker at once, not at
// the next relist. No relist runs here and the fake clock never moves, so only the event can wake the worker.
public sealed class RuntimeEventToWorkerTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await core.Get<EventedPleg>().StopAsync(CancellationToken.None);
        await core.Get<SyncLoop>().StopAsync(CancellationToken.None);
        await core.DisposeAsync();
    }

    [Fact]
    public async Task ContainerExit_OnTheEventStream_RestartsTheContainerWithoutARelist()
    {
        var stream = core.Runtime.EnableContainerEvents();
        await core.Get<EventedPleg>().StartAsync(CancellationToken.None);
        await core.Get<SyncLoop>().StartAsync(CancellationToken.None);
        await FakeCore.UntilAsync(() => stream.Connected, "evented PLEG connected to the event stream");
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.State == ContainerState.ContainerRunning), "pod default/web: container app running");
        var first = core.Runtime.Containers().Single().Id;

        core.Runtime.Exit(first, 1);
        stream.Publish(core.Runtime.EventFor(first, ContainerEventType.ContainerStoppedEvent));

        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.Id != first && c.State == ContainerState.ContainerRunning),
            "pod default/web: container app restarted after its exit event (no relist, clock not advanced)");
    }
}
