using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Cri.V1;
using Sharplet.Images;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.Images;

// Upstream's image GC manager: thresholds, minimum and maximum age, images in use and pinned images.
public sealed class ImageGcTests
{
    private const long Gi = 1L << 30;

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeRuntimeService runtime;
    private readonly FakeImageService images = new();
    private readonly FakeImageFs fs = new();

    public ImageGcTests() => runtime = new FakeRuntimeService(time);

    private ImageGcManager Manager(ImageGcPolicy? policy = null) =>
        new(images, runtime, fs, policy ?? ImageGcPolicy.Default, time, NullLogger<ImageGcManager>.Instance);

    [Theory]
    [InlineData(100, 16, null)]
    [InlineData(100, 15, 5L)]
    [InlineData(100, 0, 20L)]
    public void AmountToFree_FromTheHighThresholdDownToTheLow(long capacity, long available, long? expected)
    {
        ImageGcPlanner.AmountToFree(capacity, available, ImageGcPolicy.Default).ShouldBe(expected);
    }

    [Fact]
    public async Task AboveTheHighThreshold_RemovesLeastRecentlyUsedUnusedImagesUntilTheLowThreshold()
    {
        images.Add("old", (ulong)(3 * Gi));
        images.Add("older", (ulong)(4 * Gi));
        images.Add("pause", (ulong)Gi, pinned: true);
        var gc = Manager();
        await gc.GarbageCollectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));
        fs.Set(capacity: 100 * Gi, available: 14 * Gi);

        await gc.GarbageCollectAsync(CancellationToken.None);

        images.Removed.Count.ShouldBe(2, "6Gi must go: 3Gi is not enough, both unused images go");
        images.Removed.ShouldNotContain("pause");
    }

    [Fact]
    public async Task ImageUsedByAContainer_EvenAnExitedOne_IsNeverRemoved()
    {
        images.Add("registry.example/app:1", (ulong)(10 * Gi));
        images.Add("unused", (ulong)Gi);
        await StartExitedContainerAsync("registry.example/app:1");
        var gc = Manager(ImageGcPolicy.Default with { MinAge = TimeSpan.Zero });
        fs.Set(capacity: 100 * Gi, available: 1 * Gi);

        await gc.GarbageCollectAsync(CancellationToken.None);

        images.Removed.ShouldBe(["unused"]);
    }

    [Fact]
    public async Task SandboxImageTheRuntimeNames_IsKept_WhenTheRuntimeDoesNotPinIt()
    {
        // containerd 1.6 reports its sandbox image in the verbose status, not as pinned in ListImages.
        images.Add("sharplet.local/pause:3.9", (ulong)Gi);
        images.Add("unused", (ulong)Gi);
        runtime.StatusInfo["config"] = """{"sandboxImage":"sharplet.local/pause:3.9","enableSelinux":false}""";
        var gc = Manager(ImageGcPolicy.Default with { MinAge = TimeSpan.Zero });

        await gc.DeleteUnusedImagesAsync(CancellationToken.None);

        images.Removed.ShouldBe(["unused"]);
    }

    [Theory]
    [InlineData("{\"sandboxImage\":\"registry.k8s.io/pause:3.9\"}", "registry.k8s.io/pause:3.9")]
    [InlineData("{\"sandboxImage\":\"\"}", null)]
    [InlineData("{}", null)]
    [InlineData("[1]", null)]
    [InlineData("not json", null)]
    public void SandboxImage_FromTheRuntimeConfig_OrNoneWhenItDoesNotSay(string config, string? expected)
    {
        RuntimeSandboxImage.Parse(config).ShouldBe(expected);
    }

    [Fact]
    public async Task ImageYoungerThanTheMinimumAge_Stays()
    {
        images.Add("fresh", (ulong)Gi);
        var gc = Manager();
        fs.Set(capacity: 100 * Gi, available: 1 * Gi);
        await gc.GarbageCollectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));

        await gc.GarbageCollectAsync(CancellationToken.None);

        images.Removed.ShouldBeEmpty("first seen 1 minute ago, imageMinimumGCAge is 2 minutes");
    }

    [Fact]
    public async Task MaximumAge_RemovesImagesUnusedThatLongWhateverTheDisk()
    {
        images.Add("stale", (ulong)Gi);
        var gc = Manager(ImageGcPolicy.Default with { MaxAge = TimeSpan.FromHours(1) });
        fs.Set(capacity: 100 * Gi, available: 90 * Gi);
        await gc.GarbageCollectAsync(CancellationToken.None);
        images.Removed.ShouldBeEmpty();

        time.Advance(TimeSpan.FromHours(2));
        await gc.GarbageCollectAsync(CancellationToken.None);

        images.Removed.ShouldBe(["stale"]);
    }

    [Fact]
    public async Task DeleteUnusedImages_ForEviction_IgnoresTheThresholds()
    {
        images.Add("unused", (ulong)Gi);
        var gc = Manager(ImageGcPolicy.Default with { MinAge = TimeSpan.Zero });
        fs.Set(capacity: 100 * Gi, available: 90 * Gi);

        await gc.DeleteUnusedImagesAsync(CancellationToken.None);

        images.Removed.ShouldBe(["unused"]);
    }

    [Theory]
    [InlineData(80, 85, "imageGCLowThresholdPercent (85) must be less than imageGCHighThresholdPercent (80)")]
    [InlineData(101, 80, "imageGCHighThresholdPercent: 101 must be between 0 and 100")]
    public void BadPolicy_IsAConfigErrorNamingTheField(int high, int low, string message)
    {
        Should.Throw<ConfigException>(() => ImageGcPolicy.Create(high, low, TimeSpan.FromMinutes(2), TimeSpan.Zero)).Message.ShouldBe(message);
    }

    private async Task StartExitedContainerAsync(string image)
    {
        var sandboxConfig = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = "web", Namespace = "default", Uid = "uid-1" } };
        var sandbox = await runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, CancellationToken.None);
        var config = new ContainerConfig { Metadata = new ContainerMetadata { Name = "app" }, Image = new ImageSpec { Image = image } };
        var id = await runtime.CreateContainerAsync(sandbox, config, sandboxConfig, CancellationToken.None);
        await runtime.StartContainerAsync(id, CancellationToken.None);
        runtime.Exit(id, 0);
    }

    private sealed class FakeImageFs : IImageFs
    {
        private FsFigures? figures;

        public void Set(long capacity, long available) => figures = new FsFigures(capacity, available, 1000, 900);

        public Task<(string Mountpoint, FsFigures Figures)?> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(figures is { } f ? ("/var/lib/containerd", f) : ((string, FsFigures)?)null);
    }
}
