using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.ProbeResults;
using Sharplet.Statuses;
using Sharplet.TestSupport;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Tests.Statuses;

// upstream generateAPIPodStatus / convertToAPIContainerStatuses and the condition generators.
public sealed class PodStatusGeneratorTests
{
    private static readonly DateTimeOffset Now = RuntimeBuilder.T0.AddHours(1);
    private static readonly DateTimeOffset Earlier = RuntimeBuilder.T0.AddMinutes(-30);

    private readonly FakeProbeResults probes = new();
    private readonly ReasonCache reasons = new();
    private readonly Dictionary<string, string> messages = [];

    internal static NodeContext Node { get; } = new(
        "node-1", ["192.168.1.10", "fd00::10"], new Dictionary<string, Quantity>(), 8L << 30, new Dictionary<string, string>());

    private PodStatus Generate(Pod pod, RuntimeBuilder runtime, PodStatus? previous = null, bool terminal = false) =>
        PodStatusGenerator.Generate(new PodStatusInput(
            pod, runtime.Build(), probes, reasons, c => messages.GetValueOrDefault(c.Id), previous, Node, "containerd", terminal, Now));

    private static ApiContainerStatus Regular(PodStatus status, string name) => status.ContainerStatuses!.Single(s => s.Name == name);

    private static ApiContainerStatus InitStatus(PodStatus status, string name) => status.InitContainerStatuses!.Single(s => s.Name == name);

    private static PodCondition Condition(PodStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    // --- container states ---

    [Fact]
    public void NewPod_ContainersWaitContainerCreating_PhasePending()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder());

        status.Phase.ShouldBe(PodPhase.Pending);
        var a = Regular(status, "a");
        a.State!.Waiting!.Reason.ShouldBe("ContainerCreating");
        a.State.Waiting.Message.ShouldBeNull();
        a.Ready.ShouldBeFalse();
        a.Started.ShouldBe(false);
        a.RestartCount.ShouldBe(0);
        a.Image.ShouldBe("registry.example/a:1");
        a.ContainerID.ShouldBeNull();
        status.InitContainerStatuses.ShouldBeNull();
    }

    [Fact]
    public void PodWithInitContainers_UnstartedContainersWaitPodInitializing()
    {
        var status = Generate(new PodBuilder().Init("i").Container("a").Build(), new RuntimeBuilder().Sandbox());

        InitStatus(status, "i").State!.Waiting!.Reason.ShouldBe("PodInitializing");
        Regular(status, "a").State!.Waiting!.Reason.ShouldBe("PodInitializing");
        status.Phase.ShouldBe(PodPhase.Pending);
    }

    [Fact]
    public void FailedStart_WaitingReasonComesFromTheReasonCache()
    {
        reasons.Set("uid-1", "a", "ErrImagePull", "failed to pull image \"registry.example/a:1\": not found");

        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox());

        var waiting = Regular(status, "a").State!.Waiting!;
        waiting.Reason.ShouldBe("ErrImagePull");
        waiting.Message.ShouldBe("failed to pull image \"registry.example/a:1\": not found");
    }

    [Fact]
    public void CrashLoopBackOff_WaitingWithTheLastTerminationAsLastState()
    {
        reasons.Set("uid-1", "a", "CrashLoopBackOff", "back-off 20s restarting failed container=a pod=web_default(uid-1)");
        messages["a-2"] = "boom";

        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Exited("a", 1, restarts: 2));

        var a = Regular(status, "a");
        a.State!.Waiting!.Reason.ShouldBe("CrashLoopBackOff");
        a.State.Waiting.Message.ShouldBe("back-off 20s restarting failed container=a pod=web_default(uid-1)");
        a.LastState!.Terminated!.ExitCode.ShouldBe(1);
        a.LastState.Terminated.Reason.ShouldBe("Error");
        a.LastState.Terminated.Message.ShouldBe("boom");
        a.LastState.Terminated.ContainerID.ShouldBe("containerd://a-2");
        a.RestartCount.ShouldBe(2);
        a.ContainerID.ShouldBe("containerd://a-2");
        a.Ready.ShouldBeFalse();
        status.Phase.ShouldBe(PodPhase.Running);
    }

    [Theory]
    [InlineData(0, "", "Completed")]
    [InlineData(2, "", "Error")]
    [InlineData(137, "OOMKilled", "OOMKilled")]
    public void ExitedContainer_TerminatedWithRuntimeReasonOrDefault(int exitCode, string runtimeReason, string reason)
    {
        var runtime = new RuntimeBuilder().Sandbox().Exited("a", exitCode, reason: runtimeReason);
        var record = runtime.Build().Containers[0];

        var status = Generate(new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build(), runtime);

        var terminated = Regular(status, "a").State!.Terminated!;
        terminated.ExitCode.ShouldBe(exitCode);
        terminated.Reason.ShouldBe(reason);
        terminated.StartedAt.ShouldBe(record.StartedAt);
        terminated.FinishedAt.ShouldBe(record.FinishedAt);
        terminated.ContainerID.ShouldBe("containerd://a-0");
        terminated.Message.ShouldBeNull();
        Regular(status, "a").LastState.ShouldBeNull();
    }

    [Fact]
    public void TerminalPod_CachedReasonDoesNotHideTheTerminatedState()
    {
        reasons.Set("uid-1", "a", "CrashLoopBackOff", "back-off");

        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Exited("a", 1), terminal: true);

        Regular(status, "a").State!.Terminated!.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void RestartedContainer_RunningWithThePreviousAsLastState()
    {
        var runtime = new RuntimeBuilder().Sandbox().Exited("a", 2, restarts: 0).Running("a", restarts: 1);

        var status = Generate(new PodBuilder().Container("a").Build(), runtime);

        var a = Regular(status, "a");
        a.State!.Running!.StartedAt.ShouldBe(runtime.Build().Containers[0].StartedAt);
        a.LastState!.Terminated!.ExitCode.ShouldBe(2);
        a.LastState.Terminated.ContainerID.ShouldBe("containerd://a-0");
        a.RestartCount.ShouldBe(1);
        a.ContainerID.ShouldBe("containerd://a-1");
        a.ImageID.ShouldBe("sha256:a");
    }

    [Fact]
    public void UnknownContainer_TerminatedAsContainerStatusUnknown()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Unknown("a"));

        var terminated = Regular(status, "a").State!.Terminated!;
        terminated.ExitCode.ShouldBe(137);
        terminated.Reason.ShouldBe("ContainerStatusUnknown");
    }

    [Fact]
    public void CreatedContainer_IsWaiting()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Created("a"));

        Regular(status, "a").State!.Waiting.ShouldNotBeNull();
        Regular(status, "a").ContainerID.ShouldBe("containerd://a-0");
    }

    // --- started and ready ---

    [Fact]
    public void RunningWithoutProbes_StartedAndReady()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Running("a"));

        Regular(status, "a").Started.ShouldBe(true);
        Regular(status, "a").Ready.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Unknown", "Success", false, false)]
    [InlineData("Failure", "Success", false, false)]
    [InlineData("Success", "Unknown", true, false)]
    [InlineData("Success", "Failure", true, false)]
    [InlineData("Success", "Success", true, true)]
    public void StartedAndReady_FollowTheProbes(string startup, string readiness, bool started, bool ready)
    {
        var pod = new PodBuilder().Container("a", c =>
        {
            c.StartupProbe = PodBuilder.ExecProbe();
            c.ReadinessProbe = PodBuilder.ExecProbe();
        }).Build();
        probes.Startup("a-id", Enum.Parse<ProbeResult>(startup)).Readiness("a-id", Enum.Parse<ProbeResult>(readiness));

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("a", id: "a-id"));

        Regular(status, "a").Started.ShouldBe(started);
        Regular(status, "a").Ready.ShouldBe(ready);
    }

    [Fact]
    public void RunningRegularInitContainer_IsStartedButNotReady()
    {
        var status = Generate(new PodBuilder().Init("i").Container("a").Build(), new RuntimeBuilder().Sandbox().Running("i"));

        InitStatus(status, "i").Started.ShouldBe(true);
        InitStatus(status, "i").Ready.ShouldBeFalse();
    }

    [Fact]
    public void RunningSidecar_IsReadyOnceStartedAndReady()
    {
        var status = Generate(new PodBuilder().Sidecar("s").Container("a").Build(), new RuntimeBuilder().Sandbox().Running("s"));

        InitStatus(status, "s").Started.ShouldBe(true);
        InitStatus(status, "s").Ready.ShouldBeTrue();
    }

    [Fact]
    public void RegularInitContainerSucceeded_IsReady_FailedIsNot()
    {
        var pod = new PodBuilder().Init("ok").Init("bad").Container("a").Build();

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Exited("ok", 0).Exited("bad", 1));

        InitStatus(status, "ok").Ready.ShouldBeTrue();
        InitStatus(status, "bad").Ready.ShouldBeFalse();
        InitStatus(status, "ok").Started.ShouldBe(false);
    }

    // --- conditions ---

    [Fact]
    public void RunningPod_AllConditionsTrue_InUpstreamOrder()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Running("a"));

        status.Conditions!.Select(c => (c.Type, c.Status)).ShouldBe(
        [
            (PodConditionType.PodReadyToStartContainers, ConditionStatus.True),
            (PodConditionType.Initialized, ConditionStatus.True),
            (PodConditionType.Ready, ConditionStatus.True),
            (PodConditionType.ContainersReady, ConditionStatus.True),
            (PodConditionType.PodScheduled, ConditionStatus.True),
        ]);
        status.Conditions!.ShouldAllBe(c => c.LastTransitionTime == Now && c.Reason == null && c.Message == null);
    }

    [Fact]
    public void UnreadyContainers_ReadyFalseNamingThem()
    {
        var pod = new PodBuilder().Sidecar("s", c => c.ReadinessProbe = PodBuilder.ExecProbe()).Container("a").Container("b").Build();

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("s").Running("a"));

        foreach (var type in new[] { PodConditionType.Ready, PodConditionType.ContainersReady })
        {
            var condition = Condition(status, type);
            condition.Status.ShouldBe(ConditionStatus.False);
            condition.Reason.ShouldBe("ContainersNotReady");
            condition.Message.ShouldBe("containers with unready status: [s b]");
        }
    }

    [Fact]
    public void InitContainersIncomplete_InitializedFalseNamingThem()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Build();

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("i1"));

        var initialized = Condition(status, PodConditionType.Initialized);
        initialized.Status.ShouldBe(ConditionStatus.False);
        initialized.Reason.ShouldBe("ContainersNotInitialized");
        initialized.Message.ShouldBe("containers with incomplete status: [i1 i2]");
    }

    [Fact]
    public void SidecarRestartingAfterAppStarted_PodStaysInitialized()
    {
        // Upstream: once a regular container has started, the pod has been initialized.
        var pod = new PodBuilder().Sidecar("s").Container("a").Build();
        reasons.Set("uid-1", "s", "CrashLoopBackOff", "back-off");

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Exited("s", 1).Running("a"));

        Condition(status, PodConditionType.Initialized).Status.ShouldBe(ConditionStatus.True);
        status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public void SucceededPod_ConditionsSayPodCompleted()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Init("i").Container("a").Build();

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Exited("i", 0).Exited("a", 0), terminal: true);

        status.Phase.ShouldBe(PodPhase.Succeeded);
        Condition(status, PodConditionType.Initialized).Status.ShouldBe(ConditionStatus.True);
        Condition(status, PodConditionType.Initialized).Reason.ShouldBe("PodCompleted");
        Condition(status, PodConditionType.Ready).Reason.ShouldBe("PodCompleted");
        Condition(status, PodConditionType.ContainersReady).Reason.ShouldBe("PodCompleted");
        Condition(status, PodConditionType.Ready).Status.ShouldBe(ConditionStatus.False);
    }

    [Fact]
    public void FailedPod_ReadyConditionsSayPodFailed()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build();

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Exited("a", 1), terminal: true);

        status.Phase.ShouldBe(PodPhase.Failed);
        Condition(status, PodConditionType.Ready).Reason.ShouldBe("PodFailed");
        Condition(status, PodConditionType.ContainersReady).Reason.ShouldBe("PodFailed");
        Condition(status, PodConditionType.Ready).Message.ShouldBeNull();
    }

    [Fact]
    public void SandboxNotReady_PodReadyToStartContainersFalse()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox(ready: false));

        Condition(status, PodConditionType.PodReadyToStartContainers).Status.ShouldBe(ConditionStatus.False);
    }

    [Fact]
    public void TwoReadySandboxes_PodReadyToStartContainersFalse()
    {
        // Upstream derives the condition from podSandboxChanged: a sandbox about to be replaced is not ready to start containers.
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox("old").Sandbox("new"));

        Condition(status, PodConditionType.PodReadyToStartContainers).Status.ShouldBe(ConditionStatus.False);
    }

    [Fact]
    public void ConditionTransitionTimes_CarriedOverWhileTheStatusHolds()
    {
        var pod = new PodBuilder().Container("a").Build();
        var previous = new PodStatus
        {
            Conditions =
            [
                new PodCondition { Type = PodConditionType.PodScheduled, Status = ConditionStatus.True, LastTransitionTime = Earlier },
                new PodCondition { Type = PodConditionType.Ready, Status = ConditionStatus.False, LastTransitionTime = Earlier },
                new PodCondition { Type = PodConditionType.Initialized, Status = ConditionStatus.True, LastTransitionTime = Earlier },
            ],
        };

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("a"), previous);

        Condition(status, PodConditionType.PodScheduled).LastTransitionTime.ShouldBe(Earlier);
        Condition(status, PodConditionType.Initialized).LastTransitionTime.ShouldBe(Earlier);
        Condition(status, PodConditionType.Ready).LastTransitionTime.ShouldBe(Now);
        Condition(status, PodConditionType.ContainersReady).LastTransitionTime.ShouldBe(Now);
    }

    [Fact]
    public void ConditionsOwnedByOthers_AreKept()
    {
        var previous = new PodStatus
        {
            Conditions = [new PodCondition { Type = "example.com/Warm", Status = ConditionStatus.True, LastTransitionTime = Earlier, Reason = "Cache" }],
        };

        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox().Running("a"), previous);

        var kept = Condition(status, "example.com/Warm");
        kept.Status.ShouldBe(ConditionStatus.True);
        kept.Reason.ShouldBe("Cache");
        kept.LastTransitionTime.ShouldBe(Earlier);
    }

    [Fact]
    public void ReadinessGateTrue_PodReady()
    {
        var pod = new PodBuilder().Container("a").Spec(s => s.ReadinessGates = [new PodReadinessGate { ConditionType = "example.com/Warm" }]).Build();
        var previous = new PodStatus { Conditions = [new PodCondition { Type = "example.com/Warm", Status = ConditionStatus.True }] };

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("a"), previous);

        Condition(status, PodConditionType.Ready).Status.ShouldBe(ConditionStatus.True);
    }

    [Fact]
    public void ReadinessGateMissing_ReadyFalseWithUpstreamMessage()
    {
        var pod = new PodBuilder().Container("a").Spec(s => s.ReadinessGates =
        [
            new PodReadinessGate { ConditionType = "example.com/Warm" },
            new PodReadinessGate { ConditionType = "example.com/Lb" },
        ]).Build();
        var previous = new PodStatus { Conditions = [new PodCondition { Type = "example.com/Lb", Status = ConditionStatus.False }] };

        var status = Generate(pod, new RuntimeBuilder().Sandbox().Running("a"), previous);

        var ready = Condition(status, PodConditionType.Ready);
        ready.Status.ShouldBe(ConditionStatus.False);
        ready.Reason.ShouldBe("ReadinessGatesNotReady");
        ready.Message.ShouldBe(
            "corresponding condition of pod readiness gate \"example.com/Warm\" does not exist., " +
            "the status of pod readiness gate \"example.com/Lb\" is not \"True\", but False");
        Condition(status, PodConditionType.ContainersReady).Status.ShouldBe(ConditionStatus.True);
    }

    // --- IPs, start time, QoS ---

    [Fact]
    public void PodIps_FromTheReadySandbox()
    {
        var status = Generate(new PodBuilder().Container("a").Build(), new RuntimeBuilder().Sandbox());

        status.PodIP.ShouldBe("10.1.0.5");
        status.PodIPs!.Select(p => p.IP).ShouldBe(["10.1.0.5"]);
        status.HostIP.ShouldBe("192.168.1.10");
        status.HostIPs!.Select(h => h.IP).ShouldBe(["192.168.1.10", "fd00::10"]);
    }

    [Fact]
    public void HostNetworkPod_UsesTheNodeIps()
    {
        var status = Generate(new PodBuilder().HostNetwork().Container("a").Build(), new RuntimeBuilder().Sandbox(hostNetwork: true, ip: null));

        status.PodIP.ShouldBe("192.168.1.10");
        status.PodIPs!.Select(p => p.IP).ShouldBe(["192.168.1.10", "fd00::10"]);
    }

    [Fact]
    public void SandboxDown_PreviousIpsKeptUntilThePodIsTerminal()
    {
        var previous = new PodStatus { PodIP = "10.1.0.9", PodIPs = [new PodIP { IP = "10.1.0.9" }] };
        var pod = new PodBuilder().Container("a").Build();

        Generate(pod, new RuntimeBuilder().Sandbox(ready: false), previous).PodIP.ShouldBe("10.1.0.9");
        var terminal = Generate(pod, new RuntimeBuilder().Sandbox(ready: false), previous, terminal: true);
        terminal.PodIP.ShouldBeNull();
        terminal.PodIPs.ShouldBeNull();
    }

    [Fact]
    public void StartTime_PreviousWins_ThenTheOldestSandbox_ThenNow()
    {
        var pod = new PodBuilder().Container("a").Build();
        var runtime = new RuntimeBuilder().Sandbox("old", ready: false).Sandbox("new");
        var oldest = runtime.Build().Sandboxes[^1].CreatedAt;

        Generate(pod, runtime, new PodStatus { StartTime = Earlier }).StartTime.ShouldBe(Earlier);
        Generate(pod, new RuntimeBuilder().Sandbox("old", ready: false).Sandbox("new")).StartTime.ShouldBe(oldest);
        Generate(pod, new RuntimeBuilder()).StartTime.ShouldBe(Now);
    }

    [Fact]
    public void QosClass_IsReported()
    {
        var pod = new PodBuilder().Container("a", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "100m")) }).Build();

        Generate(pod, new RuntimeBuilder()).QosClass.ShouldBe(PodQOSClass.Burstable);
    }
}
