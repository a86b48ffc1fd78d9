using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.Statuses;
using Sharplet.TestSupport;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;
using ContainerState = Sharplet.Api.ContainerState;

namespace Sharplet.Tests.Statuses;

// The status manager's compare-and-swap paths under real threads (0674fcf). A race only fails when the
// threads interleave badly, so each round aligns them with a barrier and the worker keeps the window open by
// calling in a loop; passing code never fails, broken code fails in most runs of the 300 rounds.
public sealed class StatusManagerRaceTests
{
    private const string Uid = "uid-race";
    private const string ContainerId = "containerd://a";

    [Fact]
    public void ReadinessLandingWhileTheWorkerResendsTheSameStatus_IsNeverRevertedToTheOlderEntry()
    {
        for (var round = 0; round < 300; round++)
        {
            var manager = new StatusManager(NullLogger<StatusManager>.Instance);
            manager.SetPodStatus(Pod(), NotReady());
            var before = manager.Get(Uid)!.Version;
            using var go = new Barrier(2);

            // The worker resends the same (not ready) status with new pod objects (a spec change, a resync).
            var worker = new Thread(() =>
            {
                go.SignalAndWait();
                for (var i = 0; i < 20; i++)
                {
                    manager.SetPodStatus(Pod(), NotReady());
                }
            });
            worker.Start();
            go.SignalAndWait();
            manager.SetContainerReadiness(Uid, ContainerId, ready: true, DateTimeOffset.UnixEpoch);
            worker.Join();

            // Whatever the worker wrote after the readiness landed was written with a newer version; the entry
            // from before it (the worker's stale read put back) must never reappear.
            manager.Get(Uid)!.Version.ShouldBeGreaterThan(before, $"round {round}: the entry went back to version {before}");
        }
    }

    private static Pod Pod() => new PodBuilder().Meta(m => m.Uid = Uid).Container("a").Build();

    private static PodStatus NotReady() => new()
    {
        Phase = PodPhase.Running,
        ContainerStatuses =
        [
            new ApiContainerStatus
            {
                Name = "a",
                ContainerID = ContainerId,
                Ready = false,
                Started = true,
                State = new ContainerState { Running = new ContainerStateRunning() },
            },
        ],
    };
}
