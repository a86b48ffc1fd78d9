using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;

namespace Sharplet.Tests.KubeRuntime;

// Upstream's kuberuntime container GC (evictContainers, evictSandboxes) on listed runtime records.
public sealed class ContainerGcPlannerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static RuntimeContainer Container(string id, string name, int minutesAgo, RuntimeContainerState state = RuntimeContainerState.Exited, string sandbox = "s1") =>
        new() { Id = id, Name = name, SandboxId = sandbox, State = state, CreatedAt = T0.AddMinutes(-minutesAgo) };

    private static RuntimeSandbox Sandbox(string id, int minutesAgo, bool ready = false) => new() { Id = id, Ready = ready, CreatedAt = T0.AddMinutes(-minutesAgo) };

    private static RuntimePodSummary Pod(string uid, IReadOnlyList<RuntimeContainer> containers, params RuntimeSandbox[] sandboxes) =>
        new(uid, "web", "default", sandboxes.Length > 0 ? sandboxes : [Sandbox("s1", 60, ready: true)], containers);

    private static IEnumerable<string> Removed(ContainerGcPlan plan) => plan.Containers.Select(c => c.Container.Id);

    [Fact]
    public void DefaultPolicy_KeepsTheNewestDeadContainerPerName_AndNeverARunningOne()
    {
        var pod = Pod("uid-1", [Container("run", "app", 1, RuntimeContainerState.Running), Container("d3", "app", 3), Container("d5", "app", 5), Container("d9", "app", 9), Container("s1", "side", 4)]);

        var plan = ContainerGcPlanner.Plan([pod], ContainerGcPolicy.Default, _ => false, T0);

        Removed(plan).ShouldBe(["d5", "d9"], ignoreOrder: true);
    }

    [Fact]
    public void MinAge_YoungerDeadContainersStay()
    {
        var pod = Pod("uid-1", [Container("d1", "app", 1), Container("d2", "app", 2), Container("d30", "app", 30)]);

        var plan = ContainerGcPlanner.Plan([pod], ContainerGcPolicy.Default with { MinAge = TimeSpan.FromMinutes(10) }, _ => false, T0);

        Removed(plan).ShouldBeEmpty("only d30 is old enough, and it is the newest evictable one of its name");
    }

    [Fact]
    public void PodWhoseContentMayGo_LosesEveryDeadContainerAndEveryIdleSandbox()
    {
        var pod = Pod("uid-gone", [Container("d1", "app", 1, sandbox: "s2"), Container("d2", "app", 2, sandbox: "s2")], Sandbox("s2", 5), Sandbox("s1", 60));

        var plan = ContainerGcPlanner.Plan([pod], ContainerGcPolicy.Default, uid => uid == "uid-gone", T0);

        Removed(plan).ShouldBe(["d1", "d2"], ignoreOrder: true);
        plan.Sandboxes.Select(s => s.Id).ShouldBe(["s1"], "s2 still holds containers this pass; the next pass removes it");
    }

    [Fact]
    public void MaxContainers_SharedAcrossPodsThenOldestNodeWide()
    {
        var a = Pod("a", [Container("a1", "app", 1), Container("a2", "app", 2), Container("a3", "app", 3)]);
        var b = Pod("b", [Container("b1", "app", 4), Container("b2", "app", 5)]);

        var plan = ContainerGcPlanner.Plan([a, b], new ContainerGcPolicy(TimeSpan.Zero, -1, 1), _ => false, T0);

        Removed(plan).ShouldBe(["a2", "a3", "b2", "b1"], ignoreOrder: true);
    }

    [Fact]
    public void OldSandboxes_GoExceptTheNewest_AndReadyOnesStay()
    {
        var pod = Pod("uid-1", [], Sandbox("new", 1), Sandbox("old", 10), Sandbox("older-ready", 20, ready: true));

        var plan = ContainerGcPlanner.Plan([pod], ContainerGcPolicy.Default, _ => false, T0);

        plan.Sandboxes.Select(s => s.Id).ShouldBe(["old"]);
    }
}
