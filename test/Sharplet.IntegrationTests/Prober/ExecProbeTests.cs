using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.ProbeResults;
using Sharplet.TestSupport;
using static Sharplet.IntegrationTests.Prober.ProbeConditions;

namespace Sharplet.IntegrationTests.Prober;

// Exec probes on the real containerd: liveness restarts, readiness flips the Ready condition, startup holds
// liveness off.
public sealed class ExecProbeTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("probe-exec"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task LivenessProbeFailsWhenTheFileIsRemoved_ContainerRestartedWithTheProbesGracePeriod()
    {
        // The pod's grace period is 30 s and the shell (PID 1) ignores SIGTERM: only the probe's own 2 s grace
        // makes the restart come quickly.
        node.WriteManifest(new StaticPod("liveness").GracePeriod(30).Shell("main", "touch /tmp/healthy; sleep 3600").With(c => c.LivenessProbe = new Probe
        {
            Exec = new ExecAction { Command = ["cat", "/tmp/healthy"] },
            PeriodSeconds = 1,
            FailureThreshold = 1,
            TerminationGracePeriodSeconds = 2,
        }));
        var running = await node.WaitForAsync("liveness", "main running", e => Running(e, "main"));
        var firstId = SharpletNode.Container(running, "main").ContainerID;

        var removedAt = DateTimeOffset.UtcNow;
        (await node.ExecAsync(running, "main", "rm", "/tmp/healthy")).ShouldBe(0);
        var restarted = await node.WaitForAsync("liveness", "main restarted and running", e => Restarts(e, "main") >= 1 && Running(e, "main"));

        var main = SharpletNode.Container(restarted, "main");
        main.ContainerID.ShouldNotBe(firstId);
        main.LastState!.Terminated!.ExitCode.ShouldBe(137, "SIGKILL after the probe's grace period");
        (main.State!.Running!.StartedAt!.Value - removedAt).ShouldBeLessThan(TimeSpan.FromSeconds(15), "the probe's 2 s grace, not the pod's 30 s");
        await node.WaitForLogAsync("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", "the Unhealthy event");
        await node.WaitForLogAsync("Killing: Container main failed liveness probe, will be restarted", "the Killing event");

        // The new container starts from liveness's initial Success and passes: it stays.
        var successes = ProbeRuns(node, restarted, "main", ProbeKind.Liveness, "successful");
        await ProbeRunsAtLeastAsync(node, restarted, "main", ProbeKind.Liveness, "successful", successes + 3);
        var stable = node.Find("liveness")!;
        Restarts(stable, "main").ShouldBe(1);

        (await node.ExecAsync(stable, "main", "rm", "/tmp/healthy")).ShouldBe(0);
        await node.WaitForAsync("liveness", "main restarted a second time", e => Restarts(e, "main") >= 2);
    }

    [Fact]
    public async Task ReadinessProbe_FileToggled_ReadyConditionFollowsBothWays()
    {
        node.WriteManifest(new StaticPod("readiness").Shell("main", "trap 'exit 0' TERM; sleep 3600 & wait").With(c => c.ReadinessProbe = new Probe
        {
            Exec = new ExecAction { Command = ["cat", "/tmp/ready"] },
            PeriodSeconds = 1,
            FailureThreshold = 1,
        }));

        var running = await node.WaitForAsync("readiness", "main running", e => Running(e, "main"));
        await ProbeRunsAtLeastAsync(node, running, "main", ProbeKind.Readiness, "failed", 1);
        var notReady = node.Find("readiness")!;
        PodReady(notReady).ShouldBeFalse();
        SharpletNode.Container(notReady, "main").Ready.ShouldBeFalse();
        notReady.Status.Conditions!.Single(c => c.Type == PodConditionType.ContainersReady).Reason.ShouldBe("ContainersNotReady");

        (await node.ExecAsync(notReady, "main", "touch", "/tmp/ready")).ShouldBe(0);
        var ready = await node.WaitForAsync("readiness", "Ready after /tmp/ready appeared", PodReady);
        SharpletNode.Container(ready, "main").Ready.ShouldBeTrue();
        ProbeConditions.Condition(ready, PodConditionType.ContainersReady).ShouldBe(ConditionStatus.True);

        (await node.ExecAsync(ready, "main", "rm", "/tmp/ready")).ShouldBe(0);
        var unready = await node.WaitForAsync("readiness", "not Ready after /tmp/ready went away", e => !PodReady(e));
        unready.Status.Conditions!.Single(c => c.Type == PodConditionType.Ready).Message.ShouldBe("containers with unready status: [main]");
        Restarts(unready, "main").ShouldBe(0, "readiness never restarts a container");
    }

    [Fact]
    public async Task ExecProbeOutlivesItsTimeout_FailsAsTimedOut()
    {
        node.WriteManifest(new StaticPod("slow").Shell("main", "trap 'exit 0' TERM; sleep 3600 & wait").With(c => c.ReadinessProbe = new Probe
        {
            Exec = new ExecAction { Command = ["sleep", "5"] },
            TimeoutSeconds = 1,
            PeriodSeconds = 2,
        }));

        await node.WaitForLogAsync("Unhealthy: Readiness probe failed: command \"sleep 5\" timed out", "the exec timeout");
        PodReady(node.Find("slow")!).ShouldBeFalse();
    }

    [Fact]
    public async Task StartupProbe_HoldsLivenessOffUntilItSucceeds()
    {
        // Liveness would fail at once (no file for the first 3 s) if it ran before startup succeeded.
        node.WriteManifest(new StaticPod("startup").Shell("main", "trap 'exit 0' TERM; sleep 3; touch /tmp/started; sleep 3600 & wait").With(c =>
        {
            c.StartupProbe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/started"] }, PeriodSeconds = 1, FailureThreshold = 30 };
            c.LivenessProbe = new Probe { Exec = new ExecAction { Command = ["cat", "/tmp/started"] }, PeriodSeconds = 1, FailureThreshold = 1 };
        }));

        var starting = await node.WaitForAsync("startup", "running, not started", e => Running(e, "main"));
        SharpletNode.Container(starting, "main").Started.ShouldBe(false);
        ProbeRuns(node, starting, "main", ProbeKind.Liveness, "failed").ShouldBe(0);

        var started = await node.WaitForAsync("startup", "started", e => SharpletNode.Container(e, "main").Started == true);
        ProbeRuns(node, started, "main", ProbeKind.Startup, "failed").ShouldBeGreaterThan(0, "the startup probe failed while the file was missing");
        await ProbeRunsAtLeastAsync(node, started, "main", ProbeKind.Liveness, "successful", 3);

        var after = node.Find("startup")!;
        Restarts(after, "main").ShouldBe(0);
        ProbeRuns(node, after, "main", ProbeKind.Liveness, "failed").ShouldBe(0, "liveness never ran before startup succeeded");
        PodReady(after).ShouldBeTrue("no readiness probe: ready once started");
    }
}
