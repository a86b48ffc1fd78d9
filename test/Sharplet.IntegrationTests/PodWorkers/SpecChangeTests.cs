using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class SpecChangeTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("spec"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    // A static pod keeps its identity across edits only with a fixed UID (otherwise the UID follows the
    // content, as upstream, and an edit is a new pod); with one, an edit updates the pod in place.
    private static StaticPod Pod(string secondCommand) =>
        new StaticPod("edit").Meta(m => m.Uid = "6f1c9b0e-5f0a-4a57-9d7c-2b8f0e4a1d11").GracePeriod(2)
            .Busybox("stable", "sleep", "3600")
            .Shell("changing", secondCommand);

    [Fact]
    public async Task SpecChange_RestartsOnlyTheChangedContainer()
    {
        node.WriteManifest("edit.yaml", Pod("sleep 3600"));
        var before = await node.WaitForAsync("edit", "both containers running",
            e => e.Status.ContainerStatuses!.All(c => c.State?.Running is not null));
        var stableId = SharpletNode.Container(before, "stable").ContainerID;
        var changingId = SharpletNode.Container(before, "changing").ContainerID;

        node.WriteManifest("edit.yaml", Pod("sleep 3601"));
        var after = await node.WaitForAsync("edit", "changing restarted with the new spec",
            e => SharpletNode.Container(e, "changing") is { State.Running: not null } c && c.ContainerID != changingId);

        SharpletNode.Container(after, "stable").ContainerID.ShouldBe(stableId);
        SharpletNode.Container(after, "stable").RestartCount.ShouldBe(0);
        SharpletNode.Container(after, "changing").RestartCount.ShouldBe(1);
        after.Pod.Metadata!.Uid.ShouldBe(before.Pod.Metadata!.Uid);
        (await node.SandboxesAsync("edit")).Count.ShouldBe(1);
    }
}
