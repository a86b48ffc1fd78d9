using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Cm;

public sealed class PodCgroupConfigTests
{
    private static readonly CgroupSettings Defaults = new();

    [Fact]
    public void Guaranteed_GetsSharesQuotaAndMemoryOfTheSumOfItsContainers()
    {
        var pod = new PodBuilder()
            .Container("a", c => c.Resources = Limits(("cpu", "500m"), ("memory", "64Mi")))
            .Container("b", c => c.Resources = Limits(("cpu", "250m"), ("memory", "32Mi")))
            .Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Guaranteed, Defaults);

        config.ShouldBe(new ResourceConfig { CpuShares = 768, CpuQuota = 75_000, CpuPeriod = 100_000, Memory = 96L << 20 });
    }

    [Fact]
    public void Guaranteed_WithOverhead_AddsItToRequestsAndLimits()
    {
        var pod = new PodBuilder()
            .Container("a", c => c.Resources = Limits(("cpu", "1"), ("memory", "100Mi")))
            .Spec(s => s.Overhead = PodBuilder.Resources(("cpu", "100m"), ("memory", "10Mi")))
            .Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Guaranteed, Defaults);

        config.CpuShares.ShouldBe(1126);
        config.CpuQuota.ShouldBe(110_000);
        config.Memory.ShouldBe(110L << 20);
    }

    [Fact]
    public void Burstable_OneContainerWithoutLimits_GetsSharesOnly()
    {
        var pod = new PodBuilder()
            .Container("a", c => c.Resources = Limits(("cpu", "500m"), ("memory", "64Mi")))
            .Container("b", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "100m")) })
            .Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Burstable, Defaults);

        config.ShouldBe(new ResourceConfig { CpuShares = 614 });
    }

    [Fact]
    public void Burstable_MemoryLimitsEverywhereButNoCpuLimit_GetsMemoryAndNoQuota()
    {
        var pod = new PodBuilder()
            .Container("a", c => c.Resources = new ResourceRequirements
            {
                Requests = PodBuilder.Resources(("cpu", "100m"), ("memory", "16Mi")),
                Limits = PodBuilder.Resources(("memory", "32Mi")),
            })
            .Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Burstable, Defaults);

        config.ShouldBe(new ResourceConfig { CpuShares = 102, Memory = 32L << 20 });
    }

    [Fact]
    public void Burstable_InitContainerLargerThanTheRest_SetsThePodLimit()
    {
        var pod = new PodBuilder()
            .Init("setup", c => c.Resources = Limits(("cpu", "2"), ("memory", "256Mi")))
            .Container("a", c => c.Resources = Limits(("cpu", "500m"), ("memory", "64Mi")))
            .Sidecar("proxy", c => c.Resources = Limits(("cpu", "100m"), ("memory", "16Mi")))
            .Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Burstable, Defaults);

        // The init container runs before the sidecar starts (it is listed first): 2 cpu alone beats 600m.
        config.CpuQuota.ShouldBe(200_000);
        config.Memory.ShouldBe(256L << 20);
    }

    [Fact]
    public void BestEffort_GetsTheMinimumSharesAndThePodPidsLimit()
    {
        var pod = new PodBuilder().Container("a").Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.BestEffort, new CgroupSettings { PodPidsLimit = 64 });

        config.ShouldBe(new ResourceConfig { CpuShares = 2, PidsLimit = 64 });
    }

    [Fact]
    public void CpuCfsQuotaOff_LeavesTheQuotaUnlimited()
    {
        var pod = new PodBuilder().Container("a", c => c.Resources = Limits(("cpu", "1"), ("memory", "64Mi"))).Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Guaranteed, new CgroupSettings { CpuCfsQuota = false });

        config.CpuQuota.ShouldBe(-1);
    }

    [Fact]
    public void CustomQuotaPeriod_ScalesTheQuota()
    {
        var pod = new PodBuilder().Container("a", c => c.Resources = Limits(("cpu", "1"), ("memory", "64Mi"))).Build();

        var config = PodCgroupConfig.For(pod.Spec!, PodQOSClass.Guaranteed, new CgroupSettings { CpuCfsQuotaPeriod = TimeSpan.FromMilliseconds(50) });

        config.CpuPeriod.ShouldBe(50_000);
        config.CpuQuota.ShouldBe(50_000);
    }

    private static ResourceRequirements Limits(params (string Name, string Value)[] items) =>
        new() { Requests = PodBuilder.Resources(items), Limits = PodBuilder.Resources(items) };
}
