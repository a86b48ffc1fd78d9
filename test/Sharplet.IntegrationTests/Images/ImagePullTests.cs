using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Images;

public sealed class ImagePullTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("images"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    private static StaticPod Pod(string name, string image, string policy) =>
        new StaticPod(name).Container("main", image, c =>
        {
            c.ImagePullPolicy = policy;
            c.Command = ["sleep", "3600"];
        });

    [Fact]
    public async Task PullPolicyNever_ImageAbsent_ErrImageNeverPull()
    {
        node.WriteManifest("never.yaml", Pod("never", "sharplet.invalid/absent:1", "Never"));

        var entry = await node.WaitForAsync("never", "ErrImageNeverPull", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "ErrImageNeverPull");

        SharpletNode.Container(entry, "main").State!.Waiting!.Message.ShouldBe("Container image \"sharplet.invalid/absent:1\" is not present with pull policy of Never");
    }

    [Fact]
    public async Task MissingImage_ErrImagePullThenImagePullBackOff()
    {
        var image = $"{LocalNode.Registry}/sharplet-missing:1";
        node.WriteManifest("missing.yaml", Pod("missing", image, "IfNotPresent"));

        var first = await node.WaitForAsync("missing", "ErrImagePull", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "ErrImagePull");
        SharpletNode.Container(first, "main").State!.Waiting!.Message.ShouldStartWith($"Failed to pull image \"{image}\"");

        await node.WaitForAsync("missing", "ImagePullBackOff", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "ImagePullBackOff");
    }

    [Fact]
    public async Task InvalidImageName_InvalidImageName()
    {
        node.WriteManifest("invalid.yaml", Pod("invalid", "UPPER/Case:tag", "IfNotPresent"));

        await node.WaitForAsync("invalid", "InvalidImageName", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "InvalidImageName");
    }

    [Fact]
    public async Task PullPolicyAlways_PullsFromTheRegistry_AndReportsTheImageId()
    {
        node.WriteManifest("always.yaml", Pod("always", $"{LocalNode.Registry}/busybox:latest", "Always"));

        var entry = await node.WaitForAsync("always", "Running", e => e.Status.Phase == PodPhase.Running);

        var main = SharpletNode.Container(entry, "main");
        main.ImageID.ShouldContain("sha256:");
        main.Image.ShouldBe($"{LocalNode.Registry}/busybox:latest");
        node.Log.ShouldContain(l => l.Contains($"Successfully pulled image \"{LocalNode.Registry}/busybox:latest\"", StringComparison.Ordinal));
    }
}
