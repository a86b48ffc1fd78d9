using Sharplet.Api;
using Sharplet.Eviction;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Eviction;

// Upstream's localStorageEviction decisions: emptyDir sizeLimit, the pod's total ephemeral-storage limit, a
// container's own limit, in that order; no figure or no limit, no eviction.
public sealed class LocalStorageLimitsTests
{
    private const long Mi = 1L << 20;

    [Fact]
    public void EmptyDirOverItsSizeLimit_IsExceeded_WithUpstreamsMessage()
    {
        var pod = Pod(p => p.Spec!.Volumes = [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("1Mi") } }]);

        var result = LocalStorageLimits.Exceeded(pod, Usage(emptyDirs: [("scratch", 2 * Mi)]), dedicatedImageFs: false);

        result.ShouldBe(("emptydirfs.limit", "Usage of EmptyDir volume \"scratch\" exceeds the limit \"1Mi\". "));
    }

    [Fact]
    public void EmptyDirAtItsLimit_MemoryMedium_OrWithoutLimit_IsNotExceeded()
    {
        var pod = Pod(p => p.Spec!.Volumes =
        [
            new Volume { Name = "exact", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("1Mi") } },
            new Volume { Name = "ram", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("1Mi") } },
            new Volume { Name = "free", EmptyDir = new EmptyDirVolumeSource() },
        ]);

        LocalStorageLimits.Exceeded(pod, Usage(emptyDirs: [("exact", Mi), ("ram", 5 * Mi), ("free", 50 * Mi)]), dedicatedImageFs: false).ShouldBeNull();
    }

    [Fact]
    public void PodTotalOverTheSumOfContainerLimits_IsExceeded_BeforeAnyContainer()
    {
        var pod = Pod(p => Limit(p.Spec!.Containers![0], "2Mi"));

        var result = LocalStorageLimits.Exceeded(pod, Usage(rootfs: 2 * Mi, logs: 1), dedicatedImageFs: false);

        result.ShouldBe(("ephemeralpodfs.limit", "Pod ephemeral local storage usage exceeds the total limit of containers 2Mi. "));
    }

    [Fact]
    public void ContainerOverItsOwnLimit_WithinThePodTotal_IsExceeded()
    {
        var pod = new PodBuilder().Meta(m => m.Name = "p").Container("app").Container("idle").Build();
        Limit(pod.Spec!.Containers![0], "4Mi");
        Limit(pod.Spec.Containers[1], "4Mi");
        var usage = new PodUsage(null, [new ContainerUsage("app", null, 5 * Mi, 0), new ContainerUsage("idle", null, 0, 0)], 0, 1);

        LocalStorageLimits.Exceeded(pod, usage, dedicatedImageFs: false)
            .ShouldBe(("ephemeralcontainerfs.limit", "Container app exceeded its local ephemeral storage limit \"4Mi\". "));
    }

    [Fact]
    public void DedicatedImageFs_ContainerLimitCountsOnlyLogs()
    {
        var pod = new PodBuilder().Meta(m => m.Name = "p").Container("app").Container("idle").Build();
        Limit(pod.Spec!.Containers![0], "4Mi");
        Limit(pod.Spec.Containers[1], "4Mi");
        var usage = new PodUsage(null, [new ContainerUsage("app", null, 5 * Mi, Mi), new ContainerUsage("idle", null, 0, 0)], 0, 1);

        LocalStorageLimits.Exceeded(pod, usage, dedicatedImageFs: true).ShouldBeNull();
    }

    [Fact]
    public void NoLimits_NothingExceeded() =>
        LocalStorageLimits.Exceeded(Pod(), Usage(rootfs: 500 * Mi, logs: 500 * Mi), dedicatedImageFs: false).ShouldBeNull();

    private static Pod Pod(Action<Pod>? configure = null)
    {
        var pod = new PodBuilder().Meta(m => m.Name = "p").Container("app").Build();
        configure?.Invoke(pod);
        return pod;
    }

    private static void Limit(Container container, string quantity) =>
        container.Resources = new ResourceRequirements { Limits = new() { ["ephemeral-storage"] = Quantity.Parse(quantity) } };

    private static PodUsage Usage(long rootfs = 0, long logs = 0, params (string Name, long Bytes)[] emptyDirs) =>
        new(null, [new ContainerUsage("app", null, rootfs, logs)], emptyDirs.Sum(e => e.Bytes), 1)
        {
            EmptyDirBytes = emptyDirs.ToDictionary(e => e.Name, e => e.Bytes, StringComparer.Ordinal),
        };
}
