using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Statuses;

// The status writer on the in-memory pod API with a fake clock: versions, retries, outage catch-up, our own echo,
// the final delete and static pods' mirrors.
public sealed class ApiStatusWriterTests
{
    private const string Ns = StatusWriterRig.Namespace;

    [Fact]
    public async Task NewerStatus_WhileTheOlderIsInFlight_LandsLastAndStays()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        await rig.StartAsync();
        var held = rig.Api.HoldNext("PATCH");

        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Pending, "older"));
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running, "newer"));
        held.Release();

        await rig.UntilPhaseAsync(pod, PodPhase.Running, "newer");
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));

        Assert.Equal("newer", rig.ApiStatus(pod)!.Message);
        var bodies = rig.Api.CallsOf("PATCH", "web").Select(c => c.Detail!).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains("older", bodies[0], StringComparison.Ordinal);
        Assert.Contains("newer", bodies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedPatch_IsRetriedWithDoublingBackoff_AndTheNewestStatusLands()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        await rig.StartAsync();
        rig.Api.FailNext(3, StatusWriterRig.Unavailable(), "web");

        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Pending));
        await FakeCore.UntilAsync(() => rig.Patches(pod) == 1, "pod writer/web: first (failing) patch");

        // A new status is tried at once; the retry already pending (500 ms after the first failure) stays the
        // earliest, and the failure after it waits 500 ms * 2^2.
        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running, "newest"));
        await FakeCore.UntilAsync(() => rig.Patches(pod) == 2, "pod writer/web: second (failing) patch");
        rig.Time.Advance(rig.Options.RetryInitial - TimeSpan.FromMilliseconds(1));
        await rig.BarrierAsync();
        Assert.Equal(2, rig.Patches(pod));

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        await FakeCore.UntilAsync(() => rig.Patches(pod) == 3, "pod writer/web: third (failing) patch");

        // The PATCH is recorded before the writer schedules its retry: the barrier (one more pass of the same
        // loop) makes sure the retry's timer exists before the fake clock moves, or the clock would skip past it.
        await rig.BarrierAsync();
        rig.Time.Advance((rig.Options.RetryInitial * 4) - TimeSpan.FromMilliseconds(1));
        await rig.BarrierAsync();
        Assert.Equal(3, rig.Patches(pod));

        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        await rig.UntilPhaseAsync(pod, PodPhase.Running, "newest");
        Assert.Equal(1, rig.GoodPatches(pod));
    }

    [Fact]
    public async Task PodReplacedUnderTheSameName_ConflictIsNotRetried_AndTheNewPodKeepsItsStatus()
    {
        await using var rig = new StatusWriterRig();
        var old = rig.ApiPod("web");
        await rig.StartAsync();

        // The informer has not seen it yet: on the server the name belongs to a new pod (a new UID).
        rig.Api.HoldWatch();
        await rig.Api.DeleteAsync(Ns, "web", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
        var replacement = rig.Api.Seed(new PodBuilder().Meta(m =>
        {
            m.Name = "web";
            m.Namespace = Ns;
        }).Container("c").Build());
        rig.Statuses.SetPodStatus(old, StatusWriterRig.Status(PodPhase.Failed, "old pod"));
        await FakeCore.UntilAsync(() => rig.Patches(old) == 1, "pod writer/web: patch with the old UID");

        var refused = Assert.IsType<KubeApiException>(rig.Api.CallsOf("PATCH", "web").Single().Error);
        Assert.True(refused.IsConflict);

        // Once the writer has handled the conflict (the barrier pod is synced after it), no retry comes while the
        // informer still shows the old pod, nor after it shows the new one.
        await rig.BarrierAsync();
        rig.Time.Advance(rig.Options.RetryMax);
        await rig.BarrierAsync();
        Assert.Equal(1, rig.Patches(old));
        await rig.AfterSyncAsync("web", rig.Api.ReleaseWatch);
        Assert.Equal(1, rig.Patches(old));
        Assert.Null(rig.ApiStatus(replacement));
    }

    [Fact]
    public async Task ApiOutage_ThenRecovery_SendsEveryPodsLatestStatusWithinRetryMax()
    {
        await using var rig = new StatusWriterRig();
        var pods = Enumerable.Range(0, 3).Select(i => rig.ApiPod($"web-{i}")).ToList();
        await rig.StartAsync();
        rig.Api.StartOutage();

        foreach (var pod in pods)
        {
            rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Pending));
            rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running, "latest"));
        }

        await FakeCore.UntilAsync(() => pods.All(p => rig.Patches(p) >= 1), "every pod's first patch during the outage");
        await AdvanceUntilAsync(rig, () => pods.All(p => rig.Patches(p) >= 3), TimeSpan.FromSeconds(5), "retries during the outage");
        rig.Api.EndOutage();

        // Within RetryMax (less than the reconcile period): the per-pod retries, not the periodic pass, catch up.
        await AdvanceUntilAsync(rig, () => pods.All(p => rig.ApiStatus(p)?.Message == "latest"), rig.Options.RetryMax, "every pod's latest status after the outage");
        Assert.All(pods, p => Assert.Equal(1, rig.GoodPatches(p)));
    }

    [Fact]
    public async Task OwnPatchEchoedByTheWatch_CausesNoSecondPatch()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        await rig.StartAsync();

        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running));
        await rig.UntilPhaseAsync(pod, PodPhase.Running);

        // The patch's echo brings the pod back once more.
        await FakeCore.UntilAsync(() => rig.Syncs("web") >= 2, "pod writer/web: the echo of our patch synced");
        await rig.BarrierAsync();
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));

        Assert.Equal(1, rig.Patches(pod));
    }

    [Fact]
    public async Task OwnPatchNotYetEchoed_ReconcileComparesWithWhatWeWrote_NoSecondPatch()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        await rig.StartAsync();

        // The watch lags: the view still holds the pod as it was before our patch.
        rig.Api.HoldWatch();
        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running));
        await rig.UntilPhaseAsync(pod, PodPhase.Running);
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));
        Assert.Equal(1, rig.Patches(pod));

        await rig.AfterSyncAsync("web", rig.Api.ReleaseWatch);
        Assert.Equal(1, rig.Patches(pod));
    }

    [Fact]
    public async Task PodDeletedInTheApi_FinalDeleteGrace0WithUid_OnlyOnceItsContainersAreDown()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        rig.Workers.Syncing(pod);
        await rig.StartAsync();
        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Running));
        await rig.UntilPhaseAsync(pod, PodPhase.Running);

        await rig.AfterSyncAsync("web", () => rig.Api.MarkDeleting(Ns, "web"));
        rig.Workers.Terminating(pod);
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));
        Assert.Empty(rig.Api.CallsOf("DELETE", "web"));

        // Containers down: the final status, then DELETE. Cleanup drops the StatusManager entry right away; the
        // status captured at termination still reaches the API first.
        rig.Statuses.SetPodStatus(pod, StatusWriterRig.Status(PodPhase.Succeeded, "final"));
        rig.Workers.Terminated(pod);
        rig.Statuses.Remove(pod.Metadata!.Uid!);

        await FakeCore.UntilAsync(() => rig.Api.ServerPod(Ns, "web") is null, "pod writer/web deleted from the API");
        var delete = Assert.Single(rig.Api.CallsOf("DELETE", "web"));
        Assert.Equal($"grace=0 uid={pod.Metadata.Uid}", delete.Detail);
        var calls = rig.Api.Calls.Where(c => c.Name == "web").ToList();
        Assert.Equal("PATCH", calls[^2].Method);
        Assert.Contains("final", calls[^2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticPod_StatusIsWrittenOntoItsMirror_NotOntoAMirrorOfAnotherVersion()
    {
        await using var rig = new StatusWriterRig();
        var staticPod = new PodBuilder().Meta(m =>
        {
            m.Name = "etcd";
            m.Namespace = Ns;
            m.Uid = "hash-2";
            m.Annotations = new() { [ConfigAnnotations.Source] = ConfigAnnotations.FileSource, [ConfigAnnotations.Hash] = "hash-2" };
        }).Container("c").Build();
        rig.Api.Seed(Mirror("hash-1"));
        await rig.StartAsync();

        await rig.AfterSyncAsync("etcd", () => rig.Statuses.SetPodStatus(staticPod, StatusWriterRig.Status(PodPhase.Running)));
        Assert.Empty(rig.Api.CallsOf("PATCH", "etcd"));

        // The mirror of this version appears (the reconciler replaced it): the pending status goes onto it.
        await rig.Api.DeleteAsync(Ns, "etcd", new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);
        var mirror = rig.Api.Seed(Mirror("hash-2"));
        await rig.UntilPhaseAsync(staticPod, PodPhase.Running);
        Assert.Contains(mirror.Metadata!.Uid!, rig.Api.CallsOf("PATCH", "etcd").Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnePodsUnexpectedFailure_DoesNotStopTheWriterForOthers()
    {
        await using var rig = new StatusWriterRig();
        var poisoned = rig.ApiPod("poisoned");
        var healthy = rig.ApiPod("healthy");
        await rig.StartAsync();
        rig.Poison("poisoned");

        rig.Statuses.SetPodStatus(poisoned, StatusWriterRig.Status(PodPhase.Running));
        await FakeCore.UntilAsync(() => rig.Syncs("poisoned") >= 1, "pod writer/poisoned: sync attempted");
        rig.Statuses.SetPodStatus(healthy, StatusWriterRig.Status(PodPhase.Running));

        await rig.UntilPhaseAsync(healthy, PodPhase.Running);
        Assert.Null(rig.ApiStatus(poisoned));
    }

    // Steps the fake clock (100 ms at a time, letting the writer run in between) until the condition holds,
    // failing if it needs more than the budget of fake time.
    private static async Task AdvanceUntilAsync(StatusWriterRig rig, Func<bool> condition, TimeSpan budget, string phase)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var spent = TimeSpan.Zero; !condition(); spent += step)
        {
            Assert.True(spent <= budget, $"{phase}: not within {budget.TotalSeconds} s of fake time");
            rig.Time.Advance(step);
            await Task.Delay(20);
        }
    }

    private static Pod Mirror(string hash) => new PodBuilder().Meta(m =>
    {
        m.Name = "etcd";
        m.Namespace = Ns;
        m.Uid = null;
        m.Annotations = new() { [ConfigAnnotations.Mirror] = hash };
    }).Container("c").Build();
}
