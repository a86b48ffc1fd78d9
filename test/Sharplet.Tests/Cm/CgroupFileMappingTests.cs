using Sharplet.Cm;

namespace Sharplet.Tests.Cm;

public sealed class CgroupFileMappingTests
{
    [Fact]
    public void V1_GuaranteedLimits_WriteSharesPeriodQuotaMemoryAndPids()
    {
        var files = CgroupFileMapping.V1(new ResourceConfig { CpuShares = 512, CpuPeriod = 100_000, CpuQuota = 50_000, Memory = 64 << 20, PidsLimit = 100 });

        files.ShouldBe(
        [
            new CgroupFile("cpu", "cpu.shares", "512"),
            new CgroupFile("cpu", "cpu.cfs_period_us", "100000"),
            new CgroupFile("cpu", "cpu.cfs_quota_us", "50000"),
            new CgroupFile("memory", "memory.limit_in_bytes", "67108864"),
            new CgroupFile("pids", "pids.max", "100"),
        ]);
    }

    [Fact]
    public void V1_UnlimitedValues_AreWrittenAsTheKernelsUnlimited()
    {
        var files = CgroupFileMapping.V1(new ResourceConfig { CpuQuota = -1, Memory = 0, PidsLimit = -1 });

        files.ShouldBe(
        [
            new CgroupFile("cpu", "cpu.cfs_quota_us", "-1"),
            new CgroupFile("memory", "memory.limit_in_bytes", "-1"),
            new CgroupFile("pids", "pids.max", "max"),
        ]);
    }

    [Fact]
    public void V1_UnsetValues_WriteNothing()
    {
        CgroupFileMapping.V1(new ResourceConfig()).ShouldBeEmpty();
        CgroupFileMapping.V2(new ResourceConfig()).ShouldBeEmpty();
    }

    [Fact]
    public void V2_Limits_MapToWeightCpuMaxMemoryMaxAndPidsMax()
    {
        var files = CgroupFileMapping.V2(new ResourceConfig { CpuShares = 1024, CpuPeriod = 100_000, CpuQuota = 150_000, Memory = 128 << 20, PidsLimit = 42 });

        files.ShouldBe(
        [
            new CgroupFile(string.Empty, "cpu.weight", "39"),
            new CgroupFile(string.Empty, "cpu.max", "150000 100000"),
            new CgroupFile(string.Empty, "memory.max", "134217728"),
            new CgroupFile(string.Empty, "pids.max", "42"),
        ]);
    }

    [Fact]
    public void V2_NoQuota_WritesMaxWithThePeriod()
    {
        CgroupFileMapping.V2(new ResourceConfig { CpuQuota = -1, CpuPeriod = 50_000, Memory = -1 }).ShouldBe(
        [
            new CgroupFile(string.Empty, "cpu.max", "max 50000"),
            new CgroupFile(string.Empty, "memory.max", "max"),
        ]);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(262_144, 10_000)]
    [InlineData(1024, 39)]
    [InlineData(102, 4)]
    public void SharesToWeight_MapsTheShareRangeOntoTheWeightRange(long shares, long weight) =>
        CgroupUnits.SharesToWeight(shares).ShouldBe(weight);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(100, 102)]
    [InlineData(1000, 1024)]
    [InlineData(1_000_000, 262_144)]
    public void MilliCpuToShares_IsUpstreamsClampedConversion(long milli, long shares) =>
        CgroupUnits.MilliCpuToShares(milli).ShouldBe(shares);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1000)]
    [InlineData(250, 25_000)]
    [InlineData(2000, 200_000)]
    public void MilliCpuToQuota_RaisesTinyLimitsToTheKernelMinimum(long milli, long quota) =>
        CgroupUnits.MilliCpuToQuota(milli, 100_000).ShouldBe(quota);

    [Fact]
    public void WeightToShares_RoundTripsTheEnds()
    {
        CgroupUnits.WeightToShares(1).ShouldBe(2);
        CgroupUnits.WeightToShares(10_000).ShouldBe(262_144);
    }
}
