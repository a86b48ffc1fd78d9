using Sharplet.Api;
using Sharplet.Cli;
using Sharplet.TestSupport;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;
using ContainerState = Sharplet.Api.ContainerState;

namespace Sharplet.Tests.Cli;

// kubectl get pods: the READY, STATUS, RESTARTS and AGE columns (printPod, HumanDuration).
public sealed class PodTableTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ContainerState Running() => new() { Running = new ContainerStateRunning() };

    private static ContainerState Waiting(string reason) => new() { Waiting = new ContainerStateWaiting { Reason = reason } };

    private static ContainerState Terminated(int exit, string? reason = null) => new() { Terminated = new ContainerStateTerminated { ExitCode = exit, Reason = reason } };

    private static ApiContainerStatus S(string name, ContainerState state, bool ready = false, bool? started = null, int restarts = 0) =>
        new() { Name = name, State = state, Ready = ready, Started = started, RestartCount = restarts };

    private static Pod Pod(string phase, IEnumerable<ApiContainerStatus> containers, IEnumerable<ApiContainerStatus>? inits = null, Action<PodBuilder>? configure = null)
    {
        var containerList = containers.ToList();
        var initList = inits?.ToList();
        var builder = new PodBuilder();
        foreach (var c in initList ?? [])
        {
            if (c.Name.StartsWith("side", StringComparison.Ordinal))
            {
                builder.Sidecar(c.Name);
            }
            else
            {
                builder.Init(c.Name);
            }
        }

        foreach (var c in containerList)
        {
            builder.Container(c.Name);
        }

        configure?.Invoke(builder);
        var pod = builder.Build();
        pod.Status = new PodStatus { Phase = phase, ContainerStatuses = containerList, InitContainerStatuses = initList };
        return pod;
    }

    private static PodCondition Cond(string type, bool value) => new() { Type = type, Status = value ? ConditionStatus.True : ConditionStatus.False };

    private static readonly Dictionary<string, (Func<Pod> Pod, string Expected)> Statuses = new(StringComparer.Ordinal)
    {
        ["running"] = (() => Pod(PodPhase.Running, [S("a", Running(), ready: true)]), "Running"),
        ["creating"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("ContainerCreating"))]), "ContainerCreating"),
        ["image pull"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("ErrImagePull")), S("b", Running(), ready: true)]), "ErrImagePull"),
        ["crash loop"] = (() => Pod(PodPhase.Running, [S("a", Waiting("CrashLoopBackOff"))]), "CrashLoopBackOff"),
        ["completed"] = (() => Pod(PodPhase.Succeeded, [S("a", Terminated(0, "Completed"))]), "Completed"),
        ["error"] = (() => Pod(PodPhase.Failed, [S("a", Terminated(1, "Error"))]), "Error"),
        ["exit code without reason"] = (() => Pod(PodPhase.Failed, [S("a", Terminated(3))]), "ExitCode:3"),
        ["first init running"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("PodInitializing"))], [S("i1", Running()), S("i2", Waiting("PodInitializing"))]), "Init:0/2"),
        ["second init waiting"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("PodInitializing"))], [S("i1", Terminated(0, "Completed")), S("i2", Waiting("PodInitializing"))]), "Init:1/2"),
        ["init failed"] = (() => Pod(PodPhase.Failed, [S("a", Waiting("PodInitializing"))], [S("i1", Terminated(1, "Error"))]), "Init:Error"),
        ["init failed without reason"] = (() => Pod(PodPhase.Failed, [S("a", Waiting("PodInitializing"))], [S("i1", Terminated(2))]), "Init:ExitCode:2"),
        ["init crash loop"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("PodInitializing"))], [S("i1", Waiting("CrashLoopBackOff"))]), "Init:CrashLoopBackOff"),
        ["started sidecar, init running"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("PodInitializing"))], [S("side", Running(), started: true), S("i", Running())]), "Init:1/2"),
        ["started sidecar, app running"] = (() => Pod(PodPhase.Running, [S("a", Running(), ready: true)], [S("side", Running(), started: true, ready: true)]), "Running"),
        ["refused"] = (() => WithReason(Pod(PodPhase.Failed, [S("a", Waiting("ContainerCreating"))]), "OutOfcpu"), "ContainerCreating"),
        ["refused, no container status"] = (() => WithReason(Pod(PodPhase.Failed, []), "OutOfcpu"), "OutOfcpu"),
        ["completed container beside a ready one"] = (() => WithConditions(Pod(PodPhase.Running, [S("a", Running(), ready: true), S("b", Terminated(0, "Completed"))]), Cond(PodConditionType.Ready, true)), "Running"),
        ["completed container beside a running one, pod not ready"] = (() => WithConditions(Pod(PodPhase.Running, [S("a", Running(), ready: true), S("b", Terminated(0, "Completed"))]), Cond(PodConditionType.Ready, false)), "NotReady"),
        ["sidecar restarting before initialization"] = (() => Pod(PodPhase.Pending, [S("a", Waiting("CrashLoopBackOff"))], [S("side", Waiting("CrashLoopBackOff"))]), "Init:CrashLoopBackOff"),
        ["sidecar restarting after initialization, app crash looping"] = (() => WithConditions(Pod(PodPhase.Running, [S("a", Waiting("CrashLoopBackOff"))], [S("side", Waiting("CrashLoopBackOff"))]), Cond(PodConditionType.Initialized, true)), "CrashLoopBackOff"),
        ["deleted while running"] = (() => Deleted(Pod(PodPhase.Running, [S("a", Running(), ready: true)])), "Terminating"),
        ["deleted after completing"] = (() => Deleted(Pod(PodPhase.Succeeded, [S("a", Terminated(0, "Completed"))])), "Completed"),
    };

    private static Pod WithReason(Pod pod, string reason)
    {
        pod.Status!.Reason = reason;
        return pod;
    }

    private static Pod WithConditions(Pod pod, params PodCondition[] conditions)
    {
        pod.Status!.Conditions = [.. conditions];
        return pod;
    }

    private static Pod Deleted(Pod pod)
    {
        pod.Metadata!.DeletionTimestamp = Now;
        return pod;
    }

    public static TheoryData<string> StatusCases() => [.. Statuses.Keys];

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_IsKubectlsStatusColumn(string why)
    {
        var (pod, expected) = Statuses[why];

        PodTable.Status(pod()).ShouldBe(expected, why);
    }

    [Fact]
    public void NoStatusAtAll_IsUnknown()
    {
        PodTable.Status(new PodBuilder().Container("a").Build()).ShouldBe("Unknown");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-1, "0s")]
    [InlineData(-5, "<invalid>")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(330, "5m30s")]
    [InlineData(600, "10m")]
    [InlineData(179 * 60, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData((3 * 3600) + (25 * 60), "3h25m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(7 * 86400, "7d")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(3650 * 86400, "10y")]
    public void Age_IsKubectlsHumanDuration(int seconds, string expected)
    {
        PodTable.Age(Now.AddSeconds(-seconds), Now).ShouldBe(expected);
    }

    [Fact]
    public void Age_WithoutATimestamp_IsUnknown()
    {
        PodTable.Age(null, Now).ShouldBe("<unknown>");
    }

    [Fact]
    public void Render_RestartsSayHowLongAgoTheLastOneWas()
    {
        var restarted = S("a", Running(), ready: true, restarts: 4);
        restarted.LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, FinishedAt = Now.AddSeconds(-330) } };
        var pod = Pod(PodPhase.Running, [restarted]);
        pod.Metadata!.CreationTimestamp = Now.AddDays(-3);

        var row = PodTable.Render([pod], wide: false, Now).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[1];

        row.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldBe(["default", "web", "1/1", "Running", "4 (5m30s ago)", "3d", "<none>"]);
    }

    [Fact]
    public void Render_ReadyCountsSidecarsAndRestartsFollowKubectl()
    {
        var pod = Pod(
            PodPhase.Running,
            [S("a", Running(), ready: true, restarts: 2), S("b", Running(), ready: false)],
            [S("init", Terminated(0, "Completed"), restarts: 5), S("side", Running(), started: true, ready: true, restarts: 1)]);
        pod.Metadata!.CreationTimestamp = Now.AddMinutes(-5);
        pod.Status!.PodIP = "10.1.0.5";

        var lines = PodTable.Render([pod], wide: false, Now).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        lines[0].Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldBe(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP"]);
        lines[1].Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldBe(["default", "web", "2/3", "Running", "3", "5m", "10.1.0.5"]);
    }
}
