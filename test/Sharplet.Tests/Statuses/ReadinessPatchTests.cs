using Sharplet.Api;
using Sharplet.Statuses;
using ContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Tests.Statuses;

// A readiness verdict applied straight to the current status (upstream SetContainerReadiness).
public sealed class ReadinessPatchTests
{
    private static readonly DateTimeOffset Before = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Now = Before.AddMinutes(5);

    private static readonly Pod Pod = new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1" },
        Spec = new PodSpec { Containers = [new Container { Name = "web" }, new Container { Name = "side" }] },
    };

    private static PodStatus Status(bool webReady, bool sideReady, bool webRunning = true) => new()
    {
        Phase = PodPhase.Running,
        ContainerStatuses =
        [
            Container("web", "containerd://w1", webReady, webRunning),
            Container("side", "containerd://s1", sideReady, true),
        ],
        Conditions =
        [
            new PodCondition { Type = PodConditionType.Initialized, Status = ConditionStatus.True, LastTransitionTime = Before },
            Condition(PodConditionType.Ready, webReady && sideReady),
            Condition(PodConditionType.ContainersReady, webReady && sideReady),
        ],
    };

    private static ContainerStatus Container(string name, string id, bool ready, bool running) => new()
    {
        Name = name,
        ContainerID = id,
        Ready = ready,
        Started = running,
        State = running ? new ContainerState { Running = new ContainerStateRunning { StartedAt = Before } } : new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
    };

    private static PodCondition Condition(string type, bool value) => new()
    {
        Type = type,
        Status = value ? ConditionStatus.True : ConditionStatus.False,
        Reason = value ? null : "ContainersNotReady",
        LastTransitionTime = Before,
    };

    [Fact]
    public void LastContainerBecomesReady_PodReadyAndContainersReadyTurnTrueNow()
    {
        var patched = ReadinessPatch.Apply(Pod, Status(webReady: false, sideReady: true), "containerd://w1", true, Now)!;

        patched.ContainerStatuses!.Single(c => c.Name == "web").Ready.ShouldBeTrue();
        var ready = patched.Conditions!.Single(c => c.Type == PodConditionType.Ready);
        ready.Status.ShouldBe(ConditionStatus.True);
        ready.LastTransitionTime.ShouldBe(Now);
        patched.Conditions!.Single(c => c.Type == PodConditionType.ContainersReady).Status.ShouldBe(ConditionStatus.True);
        patched.Conditions!.Single(c => c.Type == PodConditionType.Initialized).LastTransitionTime.ShouldBe(Before, "untouched");
    }

    [Fact]
    public void ContainerBecomesUnready_ConditionsNameIt()
    {
        var patched = ReadinessPatch.Apply(Pod, Status(webReady: true, sideReady: true), "containerd://s1", false, Now)!;

        var ready = patched.Conditions!.Single(c => c.Type == PodConditionType.Ready);
        ready.Status.ShouldBe(ConditionStatus.False);
        ready.Reason.ShouldBe("ContainersNotReady");
        ready.Message.ShouldBe("containers with unready status: [side]");
    }

    [Fact]
    public void SameReadiness_NoPatch() =>
        ReadinessPatch.Apply(Pod, Status(webReady: true, sideReady: false), "containerd://w1", true, Now).ShouldBeNull();

    [Fact]
    public void UnknownContainerId_NoPatch() =>
        ReadinessPatch.Apply(Pod, Status(webReady: false, sideReady: true), "containerd://old", true, Now).ShouldBeNull();

    [Fact]
    public void ContainerNotRunning_NeverReady() =>
        ReadinessPatch.Apply(Pod, Status(webReady: false, sideReady: true, webRunning: false), "containerd://w1", true, Now).ShouldBeNull();
}
