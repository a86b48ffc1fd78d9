using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.ProbeResults;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.KubeRuntime;

// upstream computePodActions / computeInitContainerActions, case by case.
public sealed class PodActionsComputerTests
{
    private readonly FakeTimeProvider time = new(RuntimeBuilder.T0);
    private readonly FakeProbeResults probes = new();
    private readonly RestartBackoff backoff;

    public PodActionsComputerTests() => backoff = new RestartBackoff(new Backoff(BackoffPolicy.CrashLoopDefault, time));

    private PodActions Compute(Pod pod, RuntimeBuilder runtime) => PodActionsComputer.Compute(pod, runtime.Build(), probes, backoff);

    private static string[] Started(PodActions actions) => actions.ContainersToStart.Select(s => (s.IsInit ? "init:" : string.Empty) + s.Spec.Name).ToArray();

    private static string[] Killed(PodActions actions) => actions.ContainersToKill.Select(k => k.Container.Id).ToArray();

    // --- new pods and sandboxes ---

    [Fact]
    public void NewPod_NoSandbox_CreatesSandboxAndStartsEveryContainer()
    {
        var pod = new PodBuilder().Container("a").Container("b").Build();

        var actions = Compute(pod, new RuntimeBuilder());

        actions.CreateSandbox.ShouldBeTrue();
        actions.Attempt.ShouldBe(0u);
        actions.KillPod.ShouldBeFalse();
        actions.PodDone.ShouldBeFalse();
        Started(actions).ShouldBe(["a", "b"]);
        actions.ContainersToStart.ShouldAllBe(s => s.RestartCount == 0);
    }

    [Fact]
    public void NewPod_WithInitContainers_StartsOnlyTheFirstInitContainer()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder());

        actions.CreateSandbox.ShouldBeTrue();
        Started(actions).ShouldBe(["init:i1"]);
    }

    private static readonly Dictionary<string, (Func<RuntimeBuilder> Runtime, bool HostNetwork)> SandboxChanges = new(StringComparer.Ordinal)
    {
        ["not ready"] = (() => new RuntimeBuilder().Sandbox(ready: false, attempt: 2), false),
        ["no IP"] = (() => new RuntimeBuilder().Sandbox(ip: null, attempt: 2), false),
        ["network mode changed to pod network"] = (() => new RuntimeBuilder().Sandbox(hostNetwork: true, ip: null, attempt: 2), false),
        ["network mode changed to host network"] = (() => new RuntimeBuilder().Sandbox(attempt: 2), true),
        ["two ready"] = (() => new RuntimeBuilder().Sandbox("old", attempt: 1).Sandbox("sb-0", attempt: 2), false),
    };

    [Theory]
    [InlineData("not ready")]
    [InlineData("no IP")]
    [InlineData("network mode changed to pod network")]
    [InlineData("network mode changed to host network")]
    [InlineData("two ready")]
    public void SandboxChanged_KillsPodAndCreatesSandboxWithNextAttempt(string why)
    {
        var (runtime, hostNetwork) = SandboxChanges[why];
        var builder = new PodBuilder().Container("a");
        if (hostNetwork)
        {
            builder.HostNetwork();
        }

        var actions = Compute(builder.Build(), runtime().Running("a"));

        actions.KillPod.ShouldBeTrue(why);
        actions.CreateSandbox.ShouldBeTrue(why);
        actions.Attempt.ShouldBe(3u, why);
        Started(actions).ShouldBe(["a"], why);
    }

    [Fact]
    public void HostNetworkSandboxWithoutIp_IsKept()
    {
        var pod = new PodBuilder().HostNetwork().Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(hostNetwork: true, ip: null).Running("a"));

        actions.CreateSandbox.ShouldBeFalse();
        actions.NothingToDo.ShouldBeTrue();
        actions.SandboxId.ShouldBe("sb-0");
    }

    [Fact]
    public void RestartPolicyNever_SandboxDiedAfterContainersRan_PodDoneAndNothingRestarted()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false).Exited("a", 1));

        actions.PodDone.ShouldBeTrue();
        actions.KillPod.ShouldBeTrue();
        actions.CreateSandbox.ShouldBeFalse();
        actions.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void RestartPolicyNever_SandboxDiedBeforeAnyContainerWasCreated_RetriesTheSandbox()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false));

        actions.CreateSandbox.ShouldBeTrue();
        actions.Attempt.ShouldBe(1u);
        Started(actions).ShouldBe(["a"]);
    }

    [Fact]
    public void RestartPolicyOnFailure_SandboxDied_RestartsOnlyTheFailedContainers()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.OnFailure).Container("ok").Container("bad").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false).Exited("ok", 0).Exited("bad", 2, restarts: 3));

        actions.CreateSandbox.ShouldBeTrue();
        Started(actions).ShouldBe(["bad"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(4);
    }

    [Fact]
    public void RestartPolicyOnFailure_SandboxDiedAfterEveryContainerSucceeded_PodDone()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.OnFailure).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false).Exited("a", 0));

        actions.PodDone.ShouldBeTrue();
        actions.CreateSandbox.ShouldBeFalse();
    }

    [Fact]
    public void RestartPolicyOnFailure_SandboxDiedAfterEveryContainerSucceeded_InitContainersAreNotRerun()
    {
        // Upstream: nothing to start and a regular container was created, so initialization happened; no sandbox.
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.OnFailure).Init("i").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false).Exited("i", 0).Exited("a", 0));

        actions.PodDone.ShouldBeTrue();
        actions.CreateSandbox.ShouldBeFalse();
        actions.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void RestartPolicyAlways_SandboxDied_RestartsEveryContainerAndCountsOn()
    {
        var pod = new PodBuilder().Container("a").Container("b").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false, attempt: 4).Exited("a", 0, restarts: 1).Exited("b", 137));

        actions.CreateSandbox.ShouldBeTrue();
        actions.Attempt.ShouldBe(5u);
        Started(actions).ShouldBe(["a", "b"]);
        actions.ContainersToStart.Select(s => s.RestartCount).ShouldBe([2, 1]);
    }

    [Fact]
    public void NewSandbox_WithInitContainers_RunsThemAgainFromTheFirst()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox(ready: false).Exited("i1", 0).Exited("i2", 0).Exited("a", 1));

        actions.CreateSandbox.ShouldBeTrue();
        Started(actions).ShouldBe(["init:i1"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(1);
    }

    // --- init containers ---

    [Fact]
    public void InitContainers_RunOneAtATime_NextAfterThePreviousSucceeded()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("i1", 0));

        Started(actions).ShouldBe(["init:i2"]);
        actions.CreateSandbox.ShouldBeFalse();
        actions.SandboxId.ShouldBe("sb-0");
    }

    [Fact]
    public void InitContainerRunning_NothingElseStarts()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("i1"));

        actions.NothingToDo.ShouldBeTrue();
        actions.PodDone.ShouldBeFalse();
    }

    [Fact]
    public void AllInitContainersSucceeded_AppContainersStart()
    {
        var pod = new PodBuilder().Init("i1").Init("i2").Container("a").Container("b").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("i1", 0).Exited("i2", 0));

        Started(actions).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void InitContainerFailed_RestartPolicyNever_InitFailedAndPodDone()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Init("i1").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("i1", 3));

        actions.InitFailed.ShouldBeTrue();
        actions.PodDone.ShouldBeTrue();
        actions.KillPod.ShouldBeTrue();
        actions.ContainersToStart.ShouldBeEmpty();
        actions.Why.ShouldBe("init container i1 failed with exit code 3");
    }

    [Theory]
    [InlineData(RestartPolicy.Always)]
    [InlineData(RestartPolicy.OnFailure)]
    public void InitContainerFailed_RestartPolicyAllowsRestart_IsRestarted(string policy)
    {
        var pod = new PodBuilder().RestartPolicy(policy).Init("i1").Init("i2").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("i1", 3, restarts: 2));

        actions.InitFailed.ShouldBeFalse();
        actions.PodDone.ShouldBeFalse();
        Started(actions).ShouldBe(["init:i1"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(3);
    }

    [Fact]
    public void InitContainerInUnknownState_IsKilledBeforeItIsRestarted()
    {
        var pod = new PodBuilder().Init("i1").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Unknown("i1", id: "lost"));

        Killed(actions).ShouldBe(["lost"]);
        Started(actions).ShouldBe(["init:i1"]);
    }

    [Fact]
    public void InitContainerInUnknownState_RestartPolicyNever_InitFailed()
    {
        // Upstream counts an init container in an unknown state as failed.
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Init("i1").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Unknown("i1"));

        actions.InitFailed.ShouldBeTrue();
        actions.PodDone.ShouldBeTrue();
    }

    [Fact]
    public void InitContainerCreatedButNotStarted_IsStartedAgain()
    {
        var pod = new PodBuilder().Init("i1").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Created("i1"));

        Started(actions).ShouldBe(["init:i1"]);
    }

    [Fact]
    public void InitContainerFailed_InCrashLoopBackOff_WaitsUntilTheDelayPasses()
    {
        var pod = new PodBuilder().Init("i1").Container("a").Build();
        var runtime = new RuntimeBuilder().Sandbox().Exited("i1", 1);
        var finished = runtime.Build().Containers[0].FinishedAt!.Value;
        time.SetUtcNow(finished.AddSeconds(1));
        backoff.RecordRestart(pod, pod.Spec!.InitContainers![0]);

        var held = Compute(pod, runtime);

        held.ContainersToStart.ShouldBeEmpty();
        held.Backoffs.ShouldBe([new ContainerBackoffWait("i1", finished.AddSeconds(10), TimeSpan.FromSeconds(10))]);

        time.SetUtcNow(finished.AddSeconds(10));
        Started(Compute(pod, runtime)).ShouldBe(["init:i1"]);
    }

    [Fact]
    public void OnceAnAppContainerRanInThisSandbox_RegularInitContainersAreNotRerun()
    {
        // The init container's record was garbage collected; the app container proves initialization happened.
        var pod = new PodBuilder().Init("i1").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("a"));

        actions.NothingToDo.ShouldBeTrue();
    }

    [Fact]
    public void InitContainerOfAnOlderSandbox_DoesNotCountForTheCurrentOne()
    {
        var pod = new PodBuilder().Init("i1").Container("a").Build();
        var runtime = new RuntimeBuilder().Sandbox("old", ready: false).Exited("i1", 0, restarts: 0).Exited("a", 1)
            .Sandbox("new", attempt: 1);

        var actions = Compute(pod, runtime);

        Started(actions).ShouldBe(["init:i1"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(1);
    }

    // --- sidecars ---

    [Fact]
    public void Sidecars_StartInOrder_OneAtATime()
    {
        var pod = new PodBuilder().Sidecar("s1").Sidecar("s2").Container("a").Build();

        var first = Compute(pod, new RuntimeBuilder().Sandbox());
        var second = Compute(pod, new RuntimeBuilder().Sandbox().Running("s1"));
        var third = Compute(pod, new RuntimeBuilder().Sandbox().Running("s1").Running("s2"));

        Started(first).ShouldBe(["init:s1"]);
        Started(second).ShouldBe(["init:s2"]);
        Started(third).ShouldBe(["a"]);
    }

    [Fact]
    public void SidecarWithStartupProbe_NotYetStarted_NextInitContainerWaits()
    {
        var pod = new PodBuilder().Sidecar("s", c => c.StartupProbe = PodBuilder.ExecProbe()).Init("i").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("s", id: "s-id"));

        actions.NothingToDo.ShouldBeTrue();
    }

    [Fact]
    public void SidecarWithStartupProbe_Started_NextInitContainerRuns()
    {
        var pod = new PodBuilder().Sidecar("s", c => c.StartupProbe = PodBuilder.ExecProbe()).Init("i").Container("a").Build();
        probes.Startup("s-id", ProbeResult.Success);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("s", id: "s-id"));

        Started(actions).ShouldBe(["init:i"]);
    }

    [Fact]
    public void SidecarFailedStartupProbe_IsKilledAndRestarted()
    {
        var pod = new PodBuilder().Sidecar("s", c => c.StartupProbe = PodBuilder.ExecProbe()).Container("a").Build();
        probes.Startup("s-id", ProbeResult.Failure);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("s", id: "s-id"));

        Killed(actions).ShouldBe(["s-id"]);
        Started(actions).ShouldBe(["init:s"]);
    }

    [Fact]
    public void SidecarExited_AfterAppStarted_IsRestartedWhileAppKeepsRunning()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Sidecar("s").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("s", 0, restarts: 1).Running("a"));

        Started(actions).ShouldBe(["init:s"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(2);
        actions.ContainersToKill.ShouldBeEmpty();
        actions.PodDone.ShouldBeFalse();
    }

    [Fact]
    public void SidecarFailedLiveness_AfterAppStarted_IsKilledAndRestarted()
    {
        var pod = new PodBuilder().Sidecar("s", c => c.LivenessProbe = PodBuilder.ExecProbe()).Container("a").Build();
        probes.Liveness("s-id", ProbeResult.Failure);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("s", id: "s-id").Running("a"));

        Killed(actions).ShouldBe(["s-id"]);
        Started(actions).ShouldBe(["init:s"]);
    }

    [Fact]
    public void AllRegularContainersDone_SidecarsDoNotKeepThePodAlive()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Sidecar("s").Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("s").Exited("a", 0));

        actions.PodDone.ShouldBeTrue();
        actions.KillPod.ShouldBeTrue();
        actions.ContainersToStart.ShouldBeEmpty();
    }

    // --- regular containers ---

    [Fact]
    public void ContainerNotInSpec_IsKilled()
    {
        var pod = new PodBuilder().Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("a").Running("stray", id: "stray-id"));

        Killed(actions).ShouldBe(["stray-id"]);
        actions.ContainersToKill[0].Spec.ShouldBeNull();
        actions.ContainersToStart.ShouldBeEmpty();
        actions.KillPod.ShouldBeFalse();
    }

    [Theory]
    [InlineData(RestartPolicy.Always)]
    [InlineData(RestartPolicy.OnFailure)]
    [InlineData(RestartPolicy.Never)]
    public void SpecHashChanged_RestartsOnlyThatContainer_WhateverThePolicy(string policy)
    {
        var old = PodBuilder.NewContainer("a");
        var pod = new PodBuilder().RestartPolicy(policy).Container("a", c => c.Image = "registry.example/a:2").Container("b").Build();
        var runtime = new RuntimeBuilder().Sandbox()
            .Running("a", id: "a-id", hash: ContainerHash.Compute(old))
            .Running("b", id: "b-id", hash: ContainerHash.Compute(pod.Spec!.Containers![1]));

        var actions = Compute(pod, runtime);

        Killed(actions).ShouldBe(["a-id"]);
        Started(actions).ShouldBe(["a"]);
        actions.ContainersToKill[0].Message.ShouldStartWith("Container a definition changed");
        actions.KillPod.ShouldBeFalse();
    }

    [Fact]
    public void ContainerWithoutRecordedHash_IsNotTreatedAsChanged()
    {
        var pod = new PodBuilder().Container("a").Build();

        Compute(pod, new RuntimeBuilder().Sandbox().Running("a")).NothingToDo.ShouldBeTrue();
    }

    [Theory]
    [InlineData(RestartPolicy.Always, true)]
    [InlineData(RestartPolicy.OnFailure, true)]
    [InlineData(RestartPolicy.Never, false)]
    public void LivenessFailure_KillsAndRestartsPerPolicy(string policy, bool restarted)
    {
        var pod = new PodBuilder().RestartPolicy(policy).Container("a", c => c.LivenessProbe = PodBuilder.ExecProbe()).Container("b").Build();
        probes.Liveness("a-id", ProbeResult.Failure);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("a", id: "a-id").Running("b"));

        Killed(actions).ShouldBe(["a-id"]);
        actions.ContainersToKill[0].Message.ShouldStartWith("Container a failed liveness probe");
        actions.ContainersToKill[0].Reason.ShouldBe(KillReason.LivenessProbe);
        Started(actions).ShouldBe(restarted ? ["a"] : []);
        actions.PodDone.ShouldBeFalse();
    }

    [Fact]
    public void StartupFailure_KillsAndRestarts()
    {
        var pod = new PodBuilder().Container("a", c => c.StartupProbe = PodBuilder.ExecProbe()).Build();
        probes.Startup("a-id", ProbeResult.Failure);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("a", id: "a-id"));

        Killed(actions).ShouldBe(["a-id"]);
        actions.ContainersToKill[0].Message.ShouldStartWith("Container a failed startup probe");
        actions.ContainersToKill[0].Reason.ShouldBe(KillReason.StartupProbe);
        Started(actions).ShouldBe(["a"]);
    }

    [Fact]
    public void LivenessFailure_OnlyContainerUnderNever_PodDone()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a", c => c.LivenessProbe = PodBuilder.ExecProbe()).Build();
        probes.Liveness("a-id", ProbeResult.Failure);

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Running("a", id: "a-id"));

        actions.PodDone.ShouldBeTrue();
        actions.KillPod.ShouldBeTrue();
    }

    [Theory]
    [InlineData(RestartPolicy.Always, 0, true)]
    [InlineData(RestartPolicy.Always, 1, true)]
    [InlineData(RestartPolicy.OnFailure, 0, false)]
    [InlineData(RestartPolicy.OnFailure, 1, true)]
    [InlineData(RestartPolicy.Never, 0, false)]
    [InlineData(RestartPolicy.Never, 1, false)]
    public void ExitedContainer_IsRestartedPerPolicy(string policy, int exitCode, bool restarted)
    {
        var pod = new PodBuilder().RestartPolicy(policy).Container("a").Container("keeper").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("a", exitCode).Running("keeper"));

        Started(actions).ShouldBe(restarted ? ["a"] : []);
        actions.PodDone.ShouldBeFalse();
    }

    [Fact]
    public void RestartPolicyOnFailure_ContainerExitsZero_IsNotRestarted()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.OnFailure).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("a", 0));

        actions.ContainersToStart.ShouldBeEmpty();
        actions.PodDone.ShouldBeTrue();
    }

    [Fact]
    public void ContainerInUnknownState_IsKilledAndRestarted()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Unknown("a", id: "lost"));

        Killed(actions).ShouldBe(["lost"]);
        Started(actions).ShouldBe(["a"]);
    }

    [Fact]
    public void ContainerCreatedButNotStarted_IsStartedEvenUnderNever()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Created("a", restarts: 0));

        Started(actions).ShouldBe(["a"]);
        actions.ContainersToStart[0].RestartCount.ShouldBe(0, "the created container is started as it is: the same attempt, not a restart");
    }

    [Fact]
    public void CrashLoopBackOff_HoldsTheRestartUntilTheDelay()
    {
        var pod = new PodBuilder().Container("a").Build();
        var runtime = new RuntimeBuilder().Sandbox().Exited("a", 1, restarts: 2);
        var finished = runtime.Build().Containers[0].FinishedAt!.Value;
        time.SetUtcNow(finished.AddSeconds(1));
        backoff.RecordRestart(pod, pod.Spec!.Containers![0]);
        backoff.RecordRestart(pod, pod.Spec.Containers[0]);

        var held = Compute(pod, runtime);

        held.ContainersToStart.ShouldBeEmpty();
        held.Backoffs.ShouldBe([new ContainerBackoffWait("a", finished.AddSeconds(20), TimeSpan.FromSeconds(20))]);
        held.PodDone.ShouldBeFalse();
        held.KillPod.ShouldBeFalse();

        time.SetUtcNow(finished.AddSeconds(19));
        Compute(pod, runtime).Backoffs.Count.ShouldBe(1);

        time.SetUtcNow(finished.AddSeconds(20));
        var released = Compute(pod, runtime);
        released.Backoffs.ShouldBeEmpty();
        Started(released).ShouldBe(["a"]);
        released.ContainersToStart[0].RestartCount.ShouldBe(3);
    }

    [Fact]
    public void CrashLoopBackOff_NewSpecStartsOver()
    {
        var pod = new PodBuilder().Container("a").Build();
        var runtime = new RuntimeBuilder().Sandbox().Exited("a", 1);
        time.SetUtcNow(runtime.Build().Containers[0].FinishedAt!.Value.AddSeconds(1));
        backoff.RecordRestart(pod, pod.Spec!.Containers![0]);
        pod.Spec.Containers[0].Image = "registry.example/a:2";

        Started(Compute(pod, runtime)).ShouldBe(["a"]);
    }

    [Fact]
    public void AllRegularContainersDone_PodDone()
    {
        var pod = new PodBuilder().RestartPolicy(RestartPolicy.Never).Container("a").Container("b").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("a", 0).Exited("b", 1));

        actions.PodDone.ShouldBeTrue();
        actions.KillPod.ShouldBeTrue();
        actions.InitFailed.ShouldBeFalse();
        actions.SandboxId.ShouldBe("sb-0");
    }

    [Fact]
    public void EveryContainerRunning_NothingToDo()
    {
        var pod = new PodBuilder().Init("i").Sidecar("s").Container("a").Container("b").Build();

        var actions = Compute(pod, new RuntimeBuilder().Sandbox().Exited("i", 0).Running("s").Running("a").Running("b"));

        actions.NothingToDo.ShouldBeTrue();
        actions.PodDone.ShouldBeFalse();
    }
}
