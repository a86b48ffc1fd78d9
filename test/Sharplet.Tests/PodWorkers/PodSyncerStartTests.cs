using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the rig")]
// Upstream SyncPod on the in-memory runtime: a new pod gets its sandbox, then its init containers one at a time
// in their order, then its app containers; a dead container comes back as its pod's restart policy says.
public sealed class PodSyncerStartTests : IAsyncLifetime
{
    private readonly PodSyncerRig rig = PodSyncerRig.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => rig.DisposeAsync().AsTask();

    [Fact]
    public async Task FirstSync_CreatesTheSandboxThenOnlyTheFirstInitContainer()
    {
        var pod = new PodBuilder().Init("init-a").Init("init-b").Container("app").Build();

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        rig.Starts.ShouldBe(["RunPodSandbox web", "CreateContainer init-a"]);
        rig.Running("init-a").Metadata.Attempt.ShouldBe(0u);
        rig.Status.Phase.ShouldBe(PodPhase.Pending);
        rig.StatusOf("init-a").State!.Running.ShouldNotBeNull("the status is read again after the start, so init-a shows Running at once");
        rig.StatusOf("app").State!.Waiting!.Reason.ShouldBe("PodInitializing");
    }

    [Fact]
    public async Task NewPodStarted_TheReadBeforeTheRunningReport_ListsNothing()
    {
        var pod = new PodBuilder().Container("app").Container("side").Build();

        await rig.SyncAsync(pod);

        // The pass's own first read lists once; the read after the start asks only the statuses it needs.
        rig.Runtime.CountOf("ListContainers").ShouldBe(1);
        rig.Runtime.CountOf("ListPodSandbox").ShouldBe(1);
        rig.StatusOf("app").State!.Running.ShouldNotBeNull();
        rig.StatusOf("side").State!.Running.ShouldNotBeNull();
        rig.Status.PodIP.ShouldBe(rig.ReadySandbox().Network.Ip);
    }

    [Fact]
    public async Task InitContainers_RunInTheirOrder_AppContainersStartAfterTheLastSucceeded()
    {
        var pod = new PodBuilder().Init("init-a").Init("init-b").Container("app").Container("side").Build();

        await rig.SyncAsync(pod);
        rig.Exit("init-a", 0);
        await rig.SyncAsync(pod);
        rig.Created.ShouldBe(["init-a", "init-b"], "init-b starts only once init-a succeeded, and nothing else with it");
        rig.Exit("init-b", 0);
        await rig.SyncAsync(pod);

        rig.Starts.Take(3).ShouldBe(["RunPodSandbox web", "CreateContainer init-a", "CreateContainer init-b"]);
        rig.Created.Skip(2).Order(StringComparer.Ordinal).ShouldBe(["app", "side"]);
        rig.Runtime.CountOf("RunPodSandbox").ShouldBe(1, "one sandbox for the whole start");
        rig.Running("app").ShouldNotBeNull();
        rig.Status.Phase.ShouldBe(PodPhase.Running);
    }

    [Fact]
    public async Task InitContainerFails_RestartPolicyNever_PodFailsAndNoAppContainerStarts()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Init("init-a").Init("init-b").Container("app").Build();
        await rig.SyncAsync(pod);
        rig.Exit("init-a", 3);

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeTrue("a failed init container under restartPolicy Never ends pod default/web");
        rig.Status.Phase.ShouldBe(PodPhase.Failed);
        rig.StatusOf("init-a").State!.Terminated!.ExitCode.ShouldBe(3);
        rig.Created.ShouldBe(["init-a"], "neither init-b nor app may start after init-a failed");
    }

    [Fact]
    public async Task InitContainerFails_RestartPolicyOnFailure_IsRunAgainBeforeTheNextOne()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.OnFailure).Init("init-a").Init("init-b").Container("app").Build();
        await rig.SyncAsync(pod);
        rig.Exit("init-a", 3);

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        rig.Created.ShouldBe(["init-a", "init-a"]);
        rig.Running("init-a").Metadata.Attempt.ShouldBe(1u);
        rig.Status.Phase.ShouldBe(PodPhase.Pending);
    }

    // Upstream ShouldContainerBeRestarted: Always restarts any exit, OnFailure only a non-zero one, Never none;
    // a one-container pod whose container will not restart is over (Succeeded on 0, Failed otherwise).
    [Theory]
    [InlineData(RestartPolicy.Always, 0, true, null)]
    [InlineData(RestartPolicy.Always, 1, true, null)]
    [InlineData(RestartPolicy.OnFailure, 0, false, PodPhase.Succeeded)]
    [InlineData(RestartPolicy.OnFailure, 1, true, null)]
    [InlineData(RestartPolicy.Never, 0, false, PodPhase.Succeeded)]
    [InlineData(RestartPolicy.Never, 1, false, PodPhase.Failed)]
    public async Task AppContainerExits_IsRestartedAsTheRestartPolicySays(string policy, int exitCode, bool restarted, string? finalPhase)
    {
        var pod = new PodBuilder().RestartPolicy(policy).Container("app").Build();
        await rig.SyncAsync(pod);
        var first = rig.Running("app").Id;
        rig.Exit("app", exitCode);

        var outcome = await rig.SyncAsync(pod);

        rig.Created.Count.ShouldBe(restarted ? 2 : 1, $"restartPolicy {policy}, exit code {exitCode}");
        outcome.Terminal.ShouldBe(!restarted);
        if (restarted)
        {
            rig.Running("app").Id.ShouldNotBe(first);
            rig.StatusOf("app").RestartCount.ShouldBe(1);
            rig.StatusOf("app").LastState!.Terminated!.ExitCode.ShouldBe(exitCode);
            rig.Status.Phase.ShouldBe(PodPhase.Running);
        }
        else
        {
            rig.Status.Phase.ShouldBe(finalPhase);
        }
    }

    [Fact]
    public async Task ContainerCrashesAgain_WithinTheBackoff_IsHeldBackAndTheSyncReturnsWhenTheBackoffEnds()
    {
        var pod = new PodBuilder().Container("app").Build();
        await rig.SyncAsync(pod);
        rig.Exit("app", 1);
        await rig.SyncAsync(pod);
        rig.Exit("app", 1);

        var held = await rig.SyncAsync(pod);

        rig.Created.Count.ShouldBe(2, "the second crash within 10 s is held back (the first restart is immediate)");
        held.RequeueAfter.ShouldBe(TimeSpan.FromSeconds(10), "the worker must look again when the 10 s back-off ends, not at the 1 min resync");
        var waiting = rig.StatusOf("app").State!.Waiting!;
        waiting.Reason.ShouldBe(StartReasons.CrashLoopBackOff);
        waiting.Message.ShouldBe("back-off 10s restarting failed container=app pod=web_default(uid-1)");

        rig.Core.Time.Advance(TimeSpan.FromSeconds(10));
        await rig.SyncAsync(pod);

        rig.Created.Count.ShouldBe(3, "restarted once the back-off passed");
        rig.StatusOf("app").RestartCount.ShouldBe(2);
    }
}
