namespace Sharplet.Cm;

// Upstream's CPU arithmetic (pkg/kubelet/cm/helpers_linux.go) and the v1 to v2 conversions runc and the
// kubelet agree on (cpu.shares [2, 262144] onto cpu.weight [1, 10000]).
internal static class CgroupUnits
{
    public const long MinShares = 2;
    public const long MaxShares = 262_144;
    public const long SharesPerCpu = 1024;
    public const long MilliCpuToCpu = 1000;
    public const long DefaultQuotaPeriod = 100_000;
    public const long MinQuotaPeriod = 1000;

    // MilliCPUToShares: no request still gets the minimum, so a BestEffort container is not starved to zero.
    public static long MilliCpuToShares(long milliCpu) =>
        milliCpu == 0 ? MinShares : Math.Clamp(milliCpu * SharesPerCpu / MilliCpuToCpu, MinShares, MaxShares);

    // MilliCPUToQuota: 0 (no limit) stays 0; a tiny limit is raised to the kernel's 1 ms minimum.
    public static long MilliCpuToQuota(long milliCpu, long period)
    {
        if (milliCpu == 0)
        {
            return 0;
        }

        return Math.Max(milliCpu * period / MilliCpuToCpu, MinQuotaPeriod);
    }

    // CpuSharesToCpuWeight (runc libcontainer/cgroups, used by the kubelet on v2).
    public static long SharesToWeight(long shares) =>
        shares == 0 ? 0 : 1 + ((Math.Clamp(shares, MinShares, MaxShares) - MinShares) * 9999 / (MaxShares - MinShares));

    // The inverse (the kubelet's CpuWeightToCpuShares), to read a v2 weight back as shares.
    public static long WeightToShares(long weight) =>
        weight == 0 ? 0 : MinShares + ((Math.Clamp(weight, 1, 10_000) - 1) * (MaxShares - MinShares) / 9999);
}
