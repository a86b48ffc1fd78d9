using Grpc.Core;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Cri;

public sealed class ImageServiceTests(CriFixture cri) : IClassFixture<CriFixture>
{
    [Fact]
    public async Task ImageStatus_ImportedBusybox_IsPresentUnderEveryTag()
    {
        foreach (var reference in new[] { "busybox", "busybox:latest", "docker.io/library/busybox:latest", "registry.k8s.io/busybox:latest" })
        {
            var image = await cri.Images.ImageStatusAsync(new ImageSpec { Image = reference }, CancellationToken.None);

            image.ShouldNotBeNull($"image {reference}");
            image.Id.ShouldStartWith("sha256:");
        }
    }

    [Fact]
    public async Task ImageStatus_UnknownImage_IsNull()
    {
        (await cri.Images.ImageStatusAsync(new ImageSpec { Image = "sharplet.invalid/none:0" }, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task PullImage_FromLocalRegistry_ThenRemove()
    {
        // An image of its own (scripts/local-node pushes it only to the registry): CRI RemoveImage drops every
        // tag of an image, so removing busybox would break every other test.
        var reference = $"{LocalNode.Registry}/sharplet-pulltest:latest";
        var spec = new ImageSpec { Image = reference };

        var imageRef = await cri.Images.PullImageAsync(spec, null, null, CancellationToken.None);

        imageRef.ShouldStartWith("sha256:");
        var status = await cri.Images.ImageStatusAsync(spec, CancellationToken.None);
        status.ShouldNotBeNull();
        status.RepoTags.ShouldContain(reference);
        (await cri.Images.ListImagesAsync(null, CancellationToken.None)).ShouldContain(i => i.Id == status.Id);

        await cri.Images.RemoveImageAsync(spec, CancellationToken.None);
        var after = await cri.Images.ImageStatusAsync(spec, CancellationToken.None);
        (after is null || !after.RepoTags.Contains(reference)).ShouldBeTrue();
    }

    [Fact]
    public async Task PullImage_PublicNameThroughMirror_ComesFromLocalRegistry()
    {
        // containerd mirrors docker.io to the local registry: an upstream manifest with busybox:latest and
        // imagePullPolicy Always works with no internet.
        var imageRef = await cri.Images.PullImageAsync(new ImageSpec { Image = LocalNode.BusyboxImage }, null, null, CancellationToken.None);

        imageRef.ShouldStartWith("sha256:");
    }

    [Fact]
    public async Task PullImage_UnknownRepository_FailsWithRuntimeMessage()
    {
        var ex = await Should.ThrowAsync<RpcException>(() =>
            cri.Images.PullImageAsync(new ImageSpec { Image = $"{LocalNode.Registry}/does-not-exist:1" }, null, null, CancellationToken.None));

        ex.Status.Detail.ShouldContain("does-not-exist");
    }

    [Fact]
    public async Task ImageFsInfo_ReportsUsage()
    {
        var info = await cri.Images.ImageFsInfoAsync(CancellationToken.None);

        info.ImageFilesystems.ShouldNotBeEmpty();
    }
}
