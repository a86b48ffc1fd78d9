using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;

namespace Sharplet.Tests.KubeRuntime;

// Upstream setTerminationGracePeriod: which grace period a killed container gets before SIGKILL.
public sealed class ContainerKillerGracePeriodTests
{
    private static readonly RuntimeContainer Running = new() { Id = "c1", Name = "main", SandboxId = "s1", State = RuntimeContainerState.Running };

    private static (Pod Pod, Container Spec) PodWith(long? podGrace, long? livenessGrace = null, long? startupGrace = null, long? deletionGrace = null)
    {
        var spec = new Container
        {
            Name = "main",
            LivenessProbe = new Probe { Exec = new ExecAction { Command = ["true"] }, TerminationGracePeriodSeconds = livenessGrace },
            StartupProbe = new Probe { Exec = new ExecAction { Command = ["true"] }, TerminationGracePeriodSeconds = startupGrace },
        };
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1", DeletionGracePeriodSeconds = deletionGrace },
            Spec = new PodSpec { Containers = [spec], TerminationGracePeriodSeconds = podGrace },
        };
        return (pod, spec);
    }

    [Fact]
    public void LivenessFailure_ProbeSetsItsOwnGrace_ProbeGraceWins()
    {
        var (pod, spec) = PodWith(podGrace: 30, livenessGrace: 3);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.LivenessProbe).ShouldBe(3);
    }

    [Fact]
    public void StartupFailure_ProbeSetsItsOwnGrace_ProbeGraceWins()
    {
        var (pod, spec) = PodWith(podGrace: 30, startupGrace: 4);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.StartupProbe).ShouldBe(4);
    }

    [Fact]
    public void LivenessFailure_OnlyTheStartupProbeSetsAGrace_PodGraceApplies()
    {
        var (pod, spec) = PodWith(podGrace: 30, startupGrace: 4);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.LivenessProbe).ShouldBe(30);
    }

    [Fact]
    public void PodTermination_ProbeGraceIsIgnored()
    {
        var (pod, spec) = PodWith(podGrace: 30, livenessGrace: 3);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.Other).ShouldBe(30);
    }

    [Fact]
    public void DeletionGracePeriod_WinsOverProbeAndPodGrace()
    {
        var (pod, spec) = PodWith(podGrace: 30, livenessGrace: 3, deletionGrace: 7);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.LivenessProbe).ShouldBe(7);
    }

    [Fact]
    public void NoGraceAnywhere_MinimumOfTwoSeconds()
    {
        var (pod, spec) = PodWith(podGrace: null, livenessGrace: 3);

        ContainerKiller.GracePeriod(pod, Running, spec, KillReason.LivenessProbe).ShouldBe(ContainerKiller.MinimumGracePeriodSeconds);
    }

    [Fact]
    public void Orphan_GraceFromTheContainersAnnotation()
    {
        ContainerKiller.GracePeriod(null, Running with { TerminationGracePeriodSeconds = 12 }, null, KillReason.Other).ShouldBe(12);
    }
}
