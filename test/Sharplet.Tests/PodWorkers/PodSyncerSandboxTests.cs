using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;
using ContainerState = Sharplet.Cri.V1.ContainerState;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the rig")]
// Upstream podSandboxChanged and KillPod on the in-memory runtime: a sandbox that died or no longer fits the pod
// is replaced (its containers killed, the new sandbox counting the attempt on), and stopping a pod stops every
// container with the grace period before its sandbox.
public sealed class PodSyncerSandboxTests : IAsyncLifetime
{
    private readonly PodSyncerRig rig = PodSyncerRig.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => rig.DisposeAsync().AsTask();

    [Fact]
    public async Task SandboxDied_IsRecreatedWithTheNextAttempt_AndTheContainersStartInTheNewOne()
    {
        var pod = new PodBuilder().Container("app").Build();
        await rig.SyncAsync(pod);
        var old = rig.ReadySandbox().Id;
        await rig.Runtime.StopPodSandboxAsync(old, CancellationToken.None);
        rig.Later();

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        rig.Runtime.CountOf("RunPodSandbox").ShouldBe(2);
        var fresh = rig.ReadySandbox();
        fresh.Id.ShouldNotBe(old);
        fresh.Metadata.Attempt.ShouldBe(1u, "the replacement sandbox counts the attempt on");
        (await rig.Runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = fresh.Id }, CancellationToken.None))
            .ShouldContain(c => c.Metadata.Name == "app" && c.State == ContainerState.ContainerRunning);
        rig.StatusOf("app").RestartCount.ShouldBe(1);
    }

    [Fact]
    public async Task SandboxNetworkChanged_RunningContainerIsKilledAndStartedAgainInANewSandbox()
    {
        var pod = new PodBuilder().Container("app").Build();
        await rig.SyncAsync(pod);
        var old = rig.ReadySandbox().Id;
        var oldApp = rig.Running("app").Id;
        rig.Later();

        var outcome = await rig.SyncAsync(new PodBuilder().Container("app").HostNetwork().Build());

        outcome.Terminal.ShouldBeFalse();
        rig.Runtime.CountOf($"StopContainer {oldApp}").ShouldBe(1, "the running container of the changed sandbox is killed");
        rig.Runtime.CountOf($"StopPodSandbox {old}").ShouldBe(1);
        var calls = rig.Runtime.Calls.ToList();
        calls.IndexOf($"StopContainer {oldApp}").ShouldBeLessThan(calls.IndexOf($"StopPodSandbox {old}"), "containers stop before their sandbox");
        calls.IndexOf($"StopPodSandbox {old}").ShouldBeLessThan(calls.LastIndexOf("RunPodSandbox web"), "the old sandbox goes before the new one comes");
        var fresh = rig.ReadySandbox();
        fresh.Metadata.Attempt.ShouldBe(1u);
        rig.Running("app").Id.ShouldNotBe(oldApp);

        // The new sandbox fits the pod: the next pass changes nothing.
        await rig.SyncAsync(new PodBuilder().Container("app").HostNetwork().Build());
        rig.Runtime.CountOf("RunPodSandbox").ShouldBe(2);
    }

    [Fact]
    public async Task Terminate_StopsEveryContainerWithThePodsGracePeriodThenTheSandbox()
    {
        var pod = new PodBuilder().Container("app").Container("log").Spec(s => s.TerminationGracePeriodSeconds = 7).Build();
        await rig.SyncAsync(pod);
        var app = rig.Running("app").Id;
        var log = rig.Running("log").Id;
        var sandbox = rig.ReadySandbox().Id;

        await rig.Syncer.TerminateAsync(pod, null, terminal: false, null, CancellationToken.None);

        rig.Runtime.StopTimeoutOf(app).ShouldBe(7);
        rig.Runtime.StopTimeoutOf(log).ShouldBe(7);
        var calls = rig.Runtime.Calls.ToList();
        calls.IndexOf($"StopPodSandbox {sandbox}").ShouldBeGreaterThan(Math.Max(calls.IndexOf($"StopContainer {app}"), calls.IndexOf($"StopContainer {log}")));
        rig.Runtime.Containers().ShouldAllBe(c => c.State == ContainerState.ContainerExited);
        rig.Runtime.Sandboxes().ShouldAllBe(s => s.State == PodSandboxState.SandboxNotready);
    }

    [Fact]
    public async Task Terminate_WithAGracePeriodOverride_StopsWithTheOverride()
    {
        var pod = new PodBuilder().Container("app").Spec(s => s.TerminationGracePeriodSeconds = 30).Build();
        await rig.SyncAsync(pod);
        var app = rig.Running("app").Id;

        await rig.Syncer.TerminateAsync(pod, 5, terminal: true, null, CancellationToken.None);

        rig.Runtime.StopTimeoutOf(app).ShouldBe(5);
        rig.StatusOf("app").State!.Terminated.ShouldNotBeNull("the final status is read after the stop");
    }

    [Fact]
    public async Task Terminate_RegularContainersStopBeforeSidecars()
    {
        var pod = new PodBuilder().Sidecar("proxy").Container("app").Build();
        await rig.SyncAsync(pod);
        await rig.SyncAsync(pod);
        var proxy = rig.Running("proxy").Id;
        var app = rig.Running("app").Id;

        await rig.Syncer.TerminateAsync(pod, null, terminal: false, null, CancellationToken.None);

        var calls = rig.Runtime.Calls.ToList();
        calls.IndexOf($"StopContainer {app}").ShouldBeLessThan(calls.IndexOf($"StopContainer {proxy}"), "upstream stops sidecars after the regular containers");
    }

    [Fact]
    public async Task Kill_ReportsTheKillersPhaseAndReasonAndStopsThePod()
    {
        var pod = new PodBuilder().Container("app").Build();
        await rig.SyncAsync(pod);
        var kill = new PodKill(0, "Evicted", "The node was low on resource: memory.", null);

        await rig.Syncer.TerminateAsync(pod, kill.GracePeriodSeconds, terminal: true, kill, CancellationToken.None);

        rig.Status.Phase.ShouldBe(PodPhase.Failed);
        rig.Status.Reason.ShouldBe("Evicted");
        rig.Status.Message.ShouldBe("The node was low on resource: memory.");
        rig.Runtime.Sandboxes().ShouldAllBe(s => s.State == PodSandboxState.SandboxNotready);
    }
}
