using Sharplet.Api;
using Sharplet.Config;
using Sharplet.PodWorkers;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// The sync loop's config dispatch on the core: the changes of one source are dispatched in order, so once a
// later pod's worker exists every earlier change has been handled.
public sealed class SyncLoopTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => core.Get<SyncLoop>().StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await core.Get<SyncLoop>().StopAsync(CancellationToken.None);
        await core.DisposeAsync();
    }

    // ebacd47: the loop checked admission only on Add, so an edit of a refused pod (a label, its deletion in the
    // API) reached the workers as an Update and started it. A refused pod is terminal, as upstream's.
    [Fact]
    public async Task RefusedPod_EditedAfterwards_IsNeverStarted()
    {
        var config = core.Get<PodConfig>();
        var pool = core.Get<PodWorkerPool>();
        config.Set("file", [Elsewhere(null)]);
        await FakeCore.UntilAsync(() => core.Get<StatusManager>().Get("uid-away")?.Status.Phase == PodPhase.Failed, "pod default/away refused at admission");

        config.Set("file", [Elsewhere("edited"), Other()]);
        await FakeCore.UntilAsync(() => pool.Knows("uid-2"), "pod default/other (dispatched after the edit of default/away) has a worker");

        pool.Knows("uid-away").ShouldBeFalse("the edit of refused pod default/away started it");
        core.Get<StatusManager>().Get("uid-away")!.Status.Phase.ShouldBe(PodPhase.Failed);
        core.Runtime.Sandboxes().ShouldNotContain(s => s.Metadata.Uid == "uid-away");
    }

    // 573adc5: a change whose dispatch throws (here a pod without a spec, which admission cannot read) is logged
    // with its pod and the loop serves the next ones; before, the exception ended the loop (and the agent).
    [Fact]
    public async Task DispatchOfOnePodThrows_TheLoopGoesOnWithTheNextPods()
    {
        var config = core.Get<PodConfig>();
        var pool = core.Get<PodWorkerPool>();
        var broken = new PodBuilder().Meta(m => (m.Name, m.Uid) = ("broken", "uid-broken")).Build();
        broken.Spec = null;

        config.Set("file", [broken, Other()]);

        await FakeCore.UntilAsync(() => pool.Knows("uid-2"), "pod default/other has a worker after the failed dispatch of default/broken");
        pool.Knows("uid-broken").ShouldBeFalse();
        core.Get<SyncLoop>().ExecuteTask!.IsCompleted.ShouldBeFalse("the sync loop ended");
    }

    private static Pod Elsewhere(string? label) =>
        new PodBuilder().Container("app")
            .Meta(m => (m.Name, m.Uid, m.Labels) = ("away", "uid-away", label is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["edit"] = label }))
            .Spec(s => s.NodeName = "another-node")
            .Build();

    private static Pod Other() => new PodBuilder().Container("app").Meta(m => (m.Name, m.Uid) = ("other", "uid-2")).Build();
}
