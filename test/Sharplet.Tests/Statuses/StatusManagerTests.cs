using Sharplet.Api;
using Sharplet.Statuses;
using Sharplet.TestSupport;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;
using ContainerState = Sharplet.Api.ContainerState;

namespace Sharplet.Tests.Statuses;

public sealed class StatusManagerTests
{
    private readonly CapturingLogger<StatusManager> logger = new();
    private readonly StatusManager manager;

    public StatusManagerTests() => manager = new StatusManager(logger);

    private static Pod Pod(string uid = "uid-1") => new PodBuilder().Meta(m => m.Uid = uid).Container("a").Build();

    private static PodStatus Status(string phase, string? state = null, int restarts = 0) => new()
    {
        Phase = phase,
        ContainerStatuses = state is null
            ? null
            : [new ApiContainerStatus { Name = "a", RestartCount = restarts, State = StateOf(state) }],
    };

    private static ContainerState StateOf(string state) => state switch
    {
        "running" => new ContainerState { Running = new ContainerStateRunning() },
        "crash" => new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
        _ => new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, Reason = "Error" } },
    };

    [Fact]
    public void FirstStatus_IsStoredWithAVersionAndLogged()
    {
        manager.SetPodStatus(Pod(), Status(PodPhase.Pending));

        var entry = manager.Get("uid-1").ShouldNotBeNull();
        entry.Status.Phase.ShouldBe(PodPhase.Pending);
        entry.Version.ShouldBe(1);
        logger.Lines.ShouldBe(["pod default/web (uid-1): phase (new) -> Pending"]);
    }

    [Fact]
    public void SameStatusAgain_KeepsTheVersionButTakesTheNewPod()
    {
        manager.SetPodStatus(Pod(), Status(PodPhase.Running));
        var newer = Pod();
        newer.Metadata!.Labels = new Dictionary<string, string> { ["tier"] = "web" };

        manager.SetPodStatus(newer, Status(PodPhase.Running));

        var entry = manager.Get("uid-1")!;
        entry.Version.ShouldBe(1);
        entry.Pod.ShouldBeSameAs(newer);
        logger.Lines.Count.ShouldBe(1);
    }

    [Fact]
    public void ChangedStatus_NewVersionAndTransitionsLogged()
    {
        manager.SetPodStatus(Pod(), Status(PodPhase.Running, "running"));

        manager.SetPodStatus(Pod(), Status(PodPhase.Running, "crash", restarts: 1));

        manager.Get("uid-1")!.Version.ShouldBe(2);
        logger.Lines[^1].ShouldBe("pod default/web (uid-1): container a: Running -> Waiting(CrashLoopBackOff) (restarts 1)");
    }

    [Fact]
    public void Versions_GrowAcrossPods()
    {
        manager.SetPodStatus(Pod("u1"), Status(PodPhase.Pending));
        manager.SetPodStatus(Pod("u2"), Status(PodPhase.Pending));
        manager.SetPodStatus(Pod("u1"), Status(PodPhase.Running));

        manager.Get("u1")!.Version.ShouldBe(3);
        manager.Get("u2")!.Version.ShouldBe(2);
        manager.All().Count.ShouldBe(2);
    }

    [Fact]
    public void EverySubscriber_SeesEveryChangeInOrder()
    {
        var first = manager.Subscribe();
        var second = manager.Subscribe();

        manager.SetPodStatus(Pod("u1"), Status(PodPhase.Pending));
        manager.SetPodStatus(Pod("u1"), Status(PodPhase.Pending));
        manager.SetPodStatus(Pod("u2"), Status(PodPhase.Running));
        manager.Remove("u1");
        manager.Remove("never-there");

        foreach (var reader in new[] { first, second })
        {
            var seen = new List<string>();
            while (reader.TryRead(out var uid))
            {
                seen.Add(uid);
            }

            seen.ShouldBe(["u1", "u2", "u1"]);
        }

        manager.Get("u1").ShouldBeNull();
    }

    [Fact]
    public void NextChange_CompletesAtTheNextChangeOnly()
    {
        manager.SetPodStatus(Pod(), Status(PodPhase.Pending));
        var next = manager.NextChange;

        manager.SetPodStatus(Pod(), Status(PodPhase.Pending));
        next.IsCompleted.ShouldBeFalse();

        manager.SetPodStatus(Pod(), Status(PodPhase.Running));
        next.IsCompleted.ShouldBeTrue();
        manager.NextChange.IsCompleted.ShouldBeFalse();
    }
}

// Transition lines as an operator reads them in the log.
public sealed class StatusTransitionsTests
{
    private static ApiContainerStatus C(string name, ContainerState? state, int restarts = 0, bool ready = false) =>
        new() { Name = name, State = state, RestartCount = restarts, Ready = ready };

    private static readonly ContainerState Running = new() { Running = new ContainerStateRunning() };

    [Fact]
    public void NewPod_DescribesPhaseAndEveryContainerThatHasAState()
    {
        var after = new PodStatus
        {
            Phase = PodPhase.Pending,
            InitContainerStatuses = [C("i", new ContainerState { Waiting = new ContainerStateWaiting { Reason = "PodInitializing" } })],
            ContainerStatuses = [C("a", null)],
        };

        StatusTransitions.Describe(null, after).ShouldBe(
        [
            "phase (new) -> Pending",
            "init container i: (none) -> Waiting(PodInitializing)",
        ]);
    }

    [Fact]
    public void ReadinessFlip_IsDescribedAlone()
    {
        var before = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running)] };
        var after = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running, ready: true)] };

        StatusTransitions.Describe(before, after).ShouldBe(["container a: ready"]);
        StatusTransitions.Describe(after, before).ShouldBe(["container a: not ready"]);
    }

    [Fact]
    public void RestartWithinTheSameState_IsDescribed()
    {
        var before = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running, restarts: 1)] };
        var after = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running, restarts: 2)] };

        StatusTransitions.Describe(before, after).ShouldBe(["container a: Running -> Running (restarts 2)"]);
    }

    [Fact]
    public void Termination_NamesReasonAndExitCode()
    {
        var before = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running)] };
        var after = new PodStatus
        {
            Phase = PodPhase.Failed,
            ContainerStatuses = [C("a", new ContainerState { Terminated = new ContainerStateTerminated { Reason = "OOMKilled", ExitCode = 137 } })],
        };

        StatusTransitions.Describe(before, after).ShouldBe(["phase Running -> Failed", "container a: Running -> Terminated(OOMKilled, exit 137)"]);
    }

    [Fact]
    public void NothingChanged_NoLines()
    {
        var status = new PodStatus { Phase = PodPhase.Running, ContainerStatuses = [C("a", Running, ready: true)] };

        StatusTransitions.Describe(status, status).ShouldBeEmpty();
    }
}
