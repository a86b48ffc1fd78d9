using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.ProbeResults;
using Sharplet.Util;

namespace Sharplet.Tests.KubeRuntime;

// What a sync decides for a running container whose liveness or startup probe failed: kill it with upstream's
// Killing message and the reason that selects the probe's grace period, and restart it per the policy.
public sealed class PodActionsProbeKillTests
{
    private static readonly RuntimeSandbox Sandbox = new() { Id = "s1", Ready = true, Ip = "10.88.0.9", Ips = ["10.88.0.9"] };
    private readonly RestartBackoff backoff = new(new Backoff(BackoffSettings.CrashLoopDefault, new FakeTimeProvider()));

    private static Pod PodWith(string restartPolicy) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1" },
        Spec = new PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers =
            [
                new Container
                {
                    Name = "main",
                    LivenessProbe = new Probe { Exec = new ExecAction { Command = ["true"] } },
                    StartupProbe = new Probe { Exec = new ExecAction { Command = ["true"] } },
                },
            ],
        },
    };

    private static RuntimePodStatus Runtime() => new(
        "u1", [Sandbox], [new RuntimeContainer { Id = "c1", Name = "main", SandboxId = "s1", State = RuntimeContainerState.Running }], DateTimeOffset.UnixEpoch);

    [Fact]
    public void LivenessFailed_RestartPolicyAlways_KilledWithUpstreamMessageAndRestarted()
    {
        var probes = new ProbeResultsCache();
        probes.Set("c1", ProbeKind.Startup, ProbeResult.Success);
        probes.Set("c1", ProbeKind.Liveness, ProbeResult.Failure);

        var actions = PodActionsComputer.Compute(PodWith(RestartPolicy.Always), Runtime(), probes, backoff);

        var kill = actions.ContainersToKill.ShouldHaveSingleItem();
        kill.Message.ShouldBe("Container main failed liveness probe, will be restarted");
        kill.Reason.ShouldBe(KillReason.LivenessProbe);
        actions.ContainersToStart.ShouldHaveSingleItem().Spec.Name.ShouldBe("main");
    }

    [Fact]
    public void StartupFailed_RestartPolicyAlways_KilledWithStartupReason()
    {
        var probes = new ProbeResultsCache();
        probes.Set("c1", ProbeKind.Startup, ProbeResult.Failure);

        var actions = PodActionsComputer.Compute(PodWith(RestartPolicy.Always), Runtime(), probes, backoff);

        var kill = actions.ContainersToKill.ShouldHaveSingleItem();
        kill.Message.ShouldBe("Container main failed startup probe, will be restarted");
        kill.Reason.ShouldBe(KillReason.StartupProbe);
    }

    // Upstream too: with nothing left to run the whole pod is killed, as a pod termination (pod grace period).
    [Fact]
    public void LivenessFailed_RestartPolicyNever_OnlyContainer_PodIsDone()
    {
        var probes = new ProbeResultsCache();
        probes.Set("c1", ProbeKind.Startup, ProbeResult.Success);
        probes.Set("c1", ProbeKind.Liveness, ProbeResult.Failure);

        var actions = PodActionsComputer.Compute(PodWith(RestartPolicy.Never), Runtime(), probes, backoff);

        actions.KillPod.ShouldBeTrue();
        actions.PodDone.ShouldBeTrue();
        actions.ContainersToStart.ShouldBeEmpty();
    }

    [Fact]
    public void ProbesNotRunYet_InitialVerdicts_ContainerKept()
    {
        var actions = PodActionsComputer.Compute(PodWith(RestartPolicy.Always), Runtime(), new ProbeResultsCache(), backoff);

        actions.ContainersToKill.ShouldBeEmpty();
        actions.ContainersToStart.ShouldBeEmpty();
    }
}
