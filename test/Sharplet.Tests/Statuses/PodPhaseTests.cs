using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Statuses;

// Every branch of upstream's getPhase, driven from runtime records through the status generator.
public sealed class PodPhaseTests
{
    private sealed record Case(PodBuilder Pod, RuntimeBuilder Runtime, string Phase, bool Terminal = false, string[]? CrashLooping = null);

    private static PodBuilder Never => new PodBuilder().RestartPolicy(RestartPolicy.Never);

    private static PodBuilder OnFailure => new PodBuilder().RestartPolicy(RestartPolicy.OnFailure);

    private static PodBuilder Always => new PodBuilder().RestartPolicy(RestartPolicy.Always);

    private static RuntimeBuilder Sandbox => new RuntimeBuilder().Sandbox();

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["nothing created yet"] = new(Always.Container("a"), new RuntimeBuilder(), PodPhase.Pending),
        ["one running, one not yet created"] = new(Always.Container("a").Container("b"), Sandbox.Running("a"), PodPhase.Pending),
        ["all running"] = new(Always.Container("a").Container("b"), Sandbox.Running("a").Running("b"), PodPhase.Running),
        ["init running"] = new(Always.Init("i").Container("a"), Sandbox.Running("i"), PodPhase.Pending),
        ["init done, app not created"] = new(Always.Init("i").Container("a"), Sandbox.Exited("i", 0), PodPhase.Pending),
        ["init failed under Never"] = new(Never.Init("i").Container("a"), Sandbox.Exited("i", 1), PodPhase.Failed),
        ["init failed under OnFailure"] = new(OnFailure.Init("i").Container("a"), Sandbox.Exited("i", 1), PodPhase.Pending),
        ["init crash looping under Always"] = new(Always.Init("i").Container("a"), Sandbox.Exited("i", 1), PodPhase.Pending, CrashLooping: ["i"]),
        ["init crash looping under Never"] = new(Never.Init("i").Container("a"), Sandbox.Exited("i", 1), PodPhase.Failed, CrashLooping: ["i"]),
        ["all succeeded under Never"] = new(Never.Container("a").Container("b"), Sandbox.Exited("a", 0).Exited("b", 0), PodPhase.Succeeded),
        ["one failed under Never"] = new(Never.Container("a").Container("b"), Sandbox.Exited("a", 0).Exited("b", 1), PodPhase.Failed),
        ["all succeeded under OnFailure"] = new(OnFailure.Container("a"), Sandbox.Exited("a", 0), PodPhase.Succeeded),
        ["one failed under OnFailure, restarting"] = new(OnFailure.Container("a").Container("b"), Sandbox.Exited("a", 0).Exited("b", 1), PodPhase.Running),
        ["all stopped under Always, restarting"] = new(Always.Container("a"), Sandbox.Exited("a", 0), PodPhase.Running),
        ["crash looping under Always"] = new(Always.Container("a"), Sandbox.Exited("a", 1), PodPhase.Running, CrashLooping: ["a"]),
        ["terminal, all succeeded, whatever the policy"] = new(Always.Container("a"), Sandbox.Exited("a", 0), PodPhase.Succeeded, Terminal: true),
        ["terminal, one failed"] = new(Always.Container("a").Container("b"), Sandbox.Exited("a", 0).Exited("b", 137), PodPhase.Failed, Terminal: true),
        ["terminal, still running"] = new(Always.Container("a"), Sandbox.Running("a"), PodPhase.Running, Terminal: true),
        ["sidecar not started yet"] = new(Always.Sidecar("s", c => c.StartupProbe = PodBuilder.ExecProbe()).Container("a"), Sandbox.Running("s"), PodPhase.Pending),
        ["sidecar started, app not created"] = new(Always.Sidecar("s").Container("a"), Sandbox.Running("s"), PodPhase.Pending),
        ["sidecar and app running"] = new(Always.Sidecar("s").Container("a"), Sandbox.Running("s").Running("a"), PodPhase.Running),
        ["sidecar restarting after the app started"] = new(Always.Sidecar("s", c => c.StartupProbe = PodBuilder.ExecProbe()).Container("a"), Sandbox.Exited("s", 1).Running("s", restarts: 1).Running("a"), PodPhase.Running),
        ["app succeeded, sidecar still running"] = new(Never.Sidecar("s").Container("a"), Sandbox.Running("s").Exited("a", 0), PodPhase.Running),
        ["app succeeded, sidecar stopped"] = new(Never.Sidecar("s").Container("a"), Sandbox.Exited("s", 143).Exited("a", 0), PodPhase.Succeeded, Terminal: true),
        ["app failed, sidecar stopped"] = new(Never.Sidecar("s").Container("a"), Sandbox.Exited("s", 0).Exited("a", 2), PodPhase.Failed, Terminal: true),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Phase_FollowsUpstreamGetPhase(string name)
    {
        var @case = Cases[name];
        var reasons = new ReasonCache();
        foreach (var container in @case.CrashLooping ?? [])
        {
            reasons.Set("uid-1", container, "CrashLoopBackOff", "back-off");
        }

        var runtime = @case.Runtime.Build();
        var probes = new FakeProbeResults();
        var input = new PodStatusInput(
            @case.Pod.Build(), runtime, probes, reasons, _ => null, null, PodStatusGeneratorTests.Node, "containerd", @case.Terminal,
            RuntimeBuilder.T0.AddHours(1));

        PodStatusGenerator.Generate(input).Phase.ShouldBe(@case.Phase, name);
    }
}
