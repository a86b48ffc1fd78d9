using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Images;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Eviction;

// Image garbage collection on the real containerd: with the high threshold below the image filesystem's real
// usage, the node's image GC manager removes an unused image (pulled from the local registry) and keeps the
// image a running pod uses. The runtime is shared with other tests, so the manager is shown only those two
// images (a listing filter): everything else it does (usage from ImageFsInfo, in-use detection from the
// runtime's containers, removal) is the real thing.
public sealed class ImageGcTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("imagegc"));

    public async Task DisposeAsync()
    {
        var settings = node.Settings;
        await node.DisposeAsync();
        await SharpletNode.RemoveEverythingAsync(settings);
    }

    [Fact]
    public async Task AboveTheHighThreshold_UnusedImageIsRemoved_ImageOfARunningPodIsKept()
    {
        node.WriteManifest("user.yaml", new StaticPod("imguser").GracePeriod(0).Busybox("c", "sleep", "3600"));
        await node.WaitForAsync("imguser", "running", e => SharpletNode.Container(e, "c").State?.Running is not null);
        var images = node.Service<IImageService>();
        var unused = $"{LocalNode.Registry}/sharplet-pulltest:latest";
        var unusedId = await images.PullImageAsync(new ImageSpec { Image = unused }, null, null, CancellationToken.None);
        var busyboxId = (await images.ImageStatusAsync(new ImageSpec { Image = "busybox" }, CancellationToken.None))!.Id;
        var fs = await node.Service<IImageFs>().ReadAsync(CancellationToken.None);
        fs.ShouldNotBeNull("the runtime reports its image filesystem");
        var usedPercent = 100 - (fs.Value.Figures.AvailableBytes * 100 / fs.Value.Figures.CapacityBytes);
        usedPercent.ShouldBeGreaterThan(1, "the disk must be above the 1% high threshold for this test");

        // Above 1% used: free down to 0%, i.e. every unused image past the minimum age (zero here).
        var gc = new ImageGcManager(new OnlyImages(images, [unusedId, busyboxId]), node.Runtime, node.Service<IImageFs>(),
            ImageGcPolicy.Create(1, 0, TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System, NullLogger<ImageGcManager>.Instance);
        var removedReasons = new List<string>();
        gc.ImageRemoved = removedReasons.Add;

        await gc.GarbageCollectAsync(CancellationToken.None);

        (await images.ImageStatusAsync(new ImageSpec { Image = unused }, CancellationToken.None)).ShouldBeNull($"unused image {unused} was collected");
        (await images.ImageStatusAsync(new ImageSpec { Image = "busybox" }, CancellationToken.None)).ShouldNotBeNull("busybox, used by pod imguser, was kept");
        removedReasons.ShouldBe(["space"]);
    }

    // The real image service, listing only the given images.
    private sealed class OnlyImages(IImageService inner, IReadOnlyCollection<string> ids) : IImageService
    {
        public string Endpoint => inner.Endpoint;

        public async Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken) =>
            (await inner.ListImagesAsync(filter, cancellationToken)).Where(i => ids.Contains(i.Id)).ToList();

        public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken) => inner.ImageStatusAsync(image, cancellationToken);

        public Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken) =>
            inner.PullImageAsync(image, auth, sandboxConfig, cancellationToken);

        public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) => inner.RemoveImageAsync(image, cancellationToken);

        public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) => inner.ImageFsInfoAsync(cancellationToken);
    }
}
