using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class RestartPolicyTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("restart");

        // Short backoff so restarts happen within the test: 1s doubling to 2s.
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        settings.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(2);
        node = await SharpletNode.StartAsync(settings);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    private static StaticPod Pod(string name, string policy, string script) =>
        new StaticPod(name).RestartPolicy(policy).Shell("main", script);

    [Fact]
    public async Task RestartPolicyAlways_ContainerExitsZero_IsRestarted()
    {
        node.WriteManifest("always.yaml", Pod("always", "Always", "exit 0"));

        var entry = await node.WaitForAsync("always", "main restarted twice", e => SharpletNode.Container(e, "main").RestartCount >= 2);

        entry.Status.Phase.ShouldBe(PodPhase.Running);
        SharpletNode.Container(entry, "main").LastState!.Terminated!.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task RestartPolicyOnFailure_ContainerExitsZero_IsNotRestarted()
    {
        node.WriteManifest("onfailure-ok.yaml", Pod("onfailure-ok", "OnFailure", "exit 0"));

        // The final status comes after the sandbox is stopped: then the pod is no longer ready to start containers.
        var entry = await node.WaitForAsync("onfailure-ok", "phase Succeeded, sandbox stopped", e => e.Status.Phase == PodPhase.Succeeded
            && e.Status.Conditions!.Single(c => c.Type == PodConditionType.PodReadyToStartContainers).Status == ConditionStatus.False);

        var main = SharpletNode.Container(entry, "main");
        main.RestartCount.ShouldBe(0);
        main.State!.Terminated!.Reason.ShouldBe("Completed");
        entry.Status.Conditions!.Single(c => c.Type == PodConditionType.Ready).Reason.ShouldBe("PodCompleted");
        (await node.SandboxesAsync("onfailure-ok")).ShouldAllBe(s => s.State == Sharplet.Cri.V1.PodSandboxState.SandboxNotready);
    }

    [Fact]
    public async Task RestartPolicyOnFailure_ContainerExitsNonZero_IsRestarted()
    {
        node.WriteManifest("onfailure-bad.yaml", Pod("onfailure-bad", "OnFailure", "exit 3"));

        var entry = await node.WaitForAsync("onfailure-bad", "main restarted", e => SharpletNode.Container(e, "main").RestartCount >= 1);

        entry.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public async Task RestartPolicyNever_ContainerFails_PodFailedAndNotRestarted()
    {
        node.WriteManifest("never.yaml", Pod("never", "Never", "echo bye > /dev/termination-log; exit 7"));

        var entry = await node.WaitForAsync("never", "phase Failed", e => e.Status.Phase == PodPhase.Failed);

        var main = SharpletNode.Container(entry, "main");
        main.RestartCount.ShouldBe(0);
        main.State!.Terminated!.ExitCode.ShouldBe(7);
        main.State.Terminated.Reason.ShouldBe("Error");
        main.State.Terminated.Message.ShouldBe("bye\n");
    }

    [Fact]
    public async Task CrashLoop_StatusShowsCrashLoopBackOffWithTheDelay()
    {
        node.WriteManifest("crash.yaml", Pod("crash", "Always", "exit 1"));

        var entry = await node.WaitForAsync("crash", "CrashLoopBackOff", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "CrashLoopBackOff");

        var waiting = SharpletNode.Container(entry, "main").State!.Waiting!;
        waiting.Message.ShouldStartWith("back-off ");
        waiting.Message.ShouldContain($"restarting failed container=main pod={node.PodName("crash")}_default(");
        SharpletNode.Container(entry, "main").LastState!.Terminated!.ExitCode.ShouldBe(1);
    }
}
