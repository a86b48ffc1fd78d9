using Sharplet.Api;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Statuses;

// The status writer against a server older than the kubelet, which drops the status fields its API types do not
// have (615eb05): the API's status then never compares equal to ours.
public sealed class ApiStatusWriterOlderServerTests
{
    [Fact]
    public async Task ServerDropsAFieldWeSend_OurWriteIsTheLast_NoRepatchOnTheEchoNorOnReconcile()
    {
        await using var rig = new StatusWriterRig();
        var pod = rig.ApiPod("web");
        rig.Api.DropStatusField("hostIPs");
        await rig.StartAsync();

        var status = StatusWriterRig.Status(PodPhase.Running);
        status.HostIPs = [new HostIP { IP = "10.0.0.5" }];
        rig.Statuses.SetPodStatus(pod, status);
        await rig.UntilPhaseAsync(pod, PodPhase.Running);
        Assert.Null(rig.ApiStatus(pod)!.HostIPs);

        // That this very version was written and nobody wrote after us is what ends it, on the echo of our patch
        // and on the periodic reconcile.
        await FakeCore.UntilAsync(() => rig.Syncs("web") >= 2, "pod writer/web: the echo of our patch synced");
        await rig.BarrierAsync();
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));
        Assert.Equal(1, rig.Patches(pod));

        // Someone else writes after us: then the pod is compared again and our status (phase) repaired, once.
        rig.Api.OverwriteStatus(StatusWriterRig.Namespace, "web", StatusWriterRig.Status(PodPhase.Pending, "someone else"));
        await rig.UntilPhaseAsync(pod, PodPhase.Running);
        await rig.AfterSyncAsync("web", () => rig.Time.Advance(rig.Options.ReconcilePeriod));
        Assert.Equal(2, rig.Patches(pod));
    }
}
