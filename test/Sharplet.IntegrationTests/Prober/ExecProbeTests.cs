using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Prober;
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
        node.WriteManifest("liveness.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: liveness
            spec:
              terminationGracePeriodSeconds: 30
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "touch /tmp/healthy; sleep 3600"]
                livenessProbe:
                  exec:
                    command: ["cat", "/tmp/healthy"]
                  periodSeconds: 1
                  failureThreshold: 1
                  terminationGracePeriodSeconds: 2
            """);
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
}
