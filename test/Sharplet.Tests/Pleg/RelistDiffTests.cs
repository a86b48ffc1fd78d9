using Sharplet.KubeContainer;
using Sharplet.Pleg;

namespace Sharplet.Tests.Pleg;

public sealed class RelistDiffTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static RuntimeSnapshot Snapshot(params (string Uid, string Id, RuntimeContainerState State)[] containers) =>
        new(containers.GroupBy(c => c.Uid).ToDictionary(
            g => g.Key,
            g => new RuntimePodSummary(g.Key, "p", "ns", [], g.Select(c => new RuntimeContainer
            {
                Id = c.Id, Name = c.Id, SandboxId = "s", State = c.State, CreatedAt = T0,
            }).ToList())), T0);

    private static List<(string, PodLifecycleEventType, string?)> Diff(RuntimeSnapshot? before, RuntimeSnapshot after) =>
        RelistDiff.Compute(before, after).Select(e => (e.PodUid, e.Type, e.ContainerId)).ToList();

    [Fact]
    public void ContainerBecomesRunning_IsStarted()
    {
        var events = Diff(Snapshot(("u", "c1", RuntimeContainerState.Created)), Snapshot(("u", "c1", RuntimeContainerState.Running)));

        events.ShouldBe([("u", PodLifecycleEventType.ContainerStarted, "c1")]);
    }

    [Fact]
    public void RunningContainerExits_IsDied()
    {
        var events = Diff(Snapshot(("u", "c1", RuntimeContainerState.Running)), Snapshot(("u", "c1", RuntimeContainerState.Exited)));

        events.ShouldBe([("u", PodLifecycleEventType.ContainerDied, "c1")]);
    }

    [Fact]
    public void RunningContainerVanishes_IsDiedThenRemoved()
    {
        var events = Diff(Snapshot(("u", "c1", RuntimeContainerState.Running)), Snapshot());

        events.ShouldBe([("u", PodLifecycleEventType.ContainerDied, "c1"), ("u", PodLifecycleEventType.ContainerRemoved, "c1")]);
    }

    [Fact]
    public void ExitedContainerRemoved_IsRemovedOnly()
    {
        var events = Diff(Snapshot(("u", "c1", RuntimeContainerState.Exited)), Snapshot());

        events.ShouldBe([("u", PodLifecycleEventType.ContainerRemoved, "c1")]);
    }

    [Fact]
    public void NothingChanged_NoEvents()
    {
        var snapshot = Snapshot(("u", "c1", RuntimeContainerState.Running), ("v", "c2", RuntimeContainerState.Exited));

        Diff(snapshot, snapshot).ShouldBeEmpty();
    }

    [Fact]
    public void FirstRelist_ReportsEveryRunningContainerAsStarted()
    {
        var events = Diff(null, Snapshot(("u", "c1", RuntimeContainerState.Running)));

        events.ShouldBe([("u", PodLifecycleEventType.ContainerStarted, "c1")]);
    }

    [Fact]
    public void SandboxStateChange_IsPodSync()
    {
        var ready = new RuntimeSnapshot(new Dictionary<string, RuntimePodSummary>
        {
            ["u"] = new("u", "p", "ns", [new RuntimeSandbox { Id = "s", Ready = true }], []),
        }, T0);
        var notReady = new RuntimeSnapshot(new Dictionary<string, RuntimePodSummary>
        {
            ["u"] = new("u", "p", "ns", [new RuntimeSandbox { Id = "s", Ready = false }], []),
        }, T0);

        Diff(ready, notReady).ShouldBe([("u", PodLifecycleEventType.PodSync, null)]);
    }
}
