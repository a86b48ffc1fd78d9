using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.ProbeResults;
using Sharplet.Statuses;

namespace Sharplet.Tests.Statuses;

// A container whose last start attempt failed (PostStartHookError, CrashLoopBackOff...) shows that reason as
// waiting only if it is going to be started again (upstream ShouldContainerBeRestarted).
public sealed class ContainerStatusWaitingReasonTests
{
    private static readonly NodeContext Node = new("n1", ["192.0.2.2"], new Dictionary<string, Quantity>(), 0, new Dictionary<string, string>());

    private static ContainerStatus Build(string restartPolicy, int exitCode, bool deleting = false)
    {
        var spec = new Container { Name = "main", Image = "busybox" };
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1", DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null },
            Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [spec] },
        };
        var exited = new RuntimeContainer { Id = "c1", Name = "main", SandboxId = "s1", State = RuntimeContainerState.Exited, ExitCode = exitCode };
        var runtime = new RuntimePodStatus("u1", [new RuntimeSandbox { Id = "s1", Ready = true, Ips = ["10.88.0.9"] }], [exited], DateTimeOffset.UnixEpoch);
        var reasons = new ReasonCache();
        reasons.Set("u1", "main", StartReasons.PostStartHookError, "hook failed");
        var input = new PodStatusInput(pod, runtime, new ProbeResultsCache(), reasons, _ => null, null, Node, "containerd", false, DateTimeOffset.UnixEpoch);
        return ContainerStatusBuilder.Build(input, spec, isInit: false);
    }

    [Fact]
    public void WillBeRestarted_ShowsTheReasonAsWaiting()
    {
        var status = Build(RestartPolicy.Always, 137);

        status.State!.Waiting!.Reason.ShouldBe(StartReasons.PostStartHookError);
        status.LastState!.Terminated!.ExitCode.ShouldBe(137);
    }

    [Theory]
    [InlineData(RestartPolicy.Never, 137)]
    [InlineData(RestartPolicy.OnFailure, 0)]
    public void WillNotBeRestarted_StaysTerminated(string restartPolicy, int exitCode)
    {
        var status = Build(restartPolicy, exitCode);

        status.State!.Terminated!.ExitCode.ShouldBe(exitCode);
        status.State.Waiting.ShouldBeNull();
    }

    [Fact]
    public void PodBeingDeleted_StaysTerminated() =>
        Build(RestartPolicy.Always, 137, deleting: true).State!.Terminated.ShouldNotBeNull();
}
