using System.Globalization;

namespace Sharplet.Cm;

// ResourceConfig to control files, per hierarchy version. v1: cpu.shares, cpu.cfs_period_us, cpu.cfs_quota_us
// (-1 = unlimited), memory.limit_in_bytes (-1 = unlimited), pids.max ("max" = unlimited). v2: cpu.weight,
// cpu.max ("<quota|max> <period>"), memory.max, pids.max. Pure, so both layouts are tested on any machine.
internal static class CgroupFileMapping
{
    public static IReadOnlyList<CgroupFile> For(bool unified, ResourceConfig config) => unified ? V2(config) : V1(config);

    public static IReadOnlyList<CgroupFile> V1(ResourceConfig config)
    {
        var files = new List<CgroupFile>();
        if (config.CpuShares is { } shares)
        {
            files.Add(new CgroupFile("cpu", "cpu.shares", Text(shares)));
        }

        // The period first: the kernel checks quota against the current period.
        if (config.CpuPeriod is { } period)
        {
            files.Add(new CgroupFile("cpu", "cpu.cfs_period_us", Text(period)));
        }

        if (config.CpuQuota is { } quota)
        {
            files.Add(new CgroupFile("cpu", "cpu.cfs_quota_us", Text(quota <= 0 ? -1 : quota)));
        }

        if (config.Memory is { } memory)
        {
            files.Add(new CgroupFile("memory", "memory.limit_in_bytes", Text(memory <= 0 ? -1 : memory)));
        }

        if (config.PidsLimit is { } pids)
        {
            files.Add(new CgroupFile("pids", "pids.max", pids <= 0 ? "max" : Text(pids)));
        }

        return files;
    }

    public static IReadOnlyList<CgroupFile> V2(ResourceConfig config)
    {
        var files = new List<CgroupFile>();
        if (config.CpuShares is { } shares)
        {
            files.Add(new CgroupFile(string.Empty, "cpu.weight", Text(CgroupUnits.SharesToWeight(shares))));
        }

        if (config.CpuQuota is not null || config.CpuPeriod is not null)
        {
            var period = config.CpuPeriod ?? CgroupUnits.DefaultQuotaPeriod;
            var quota = config.CpuQuota is { } q && q > 0 ? Text(q) : "max";
            files.Add(new CgroupFile(string.Empty, "cpu.max", $"{quota} {Text(period)}"));
        }

        if (config.Memory is { } memory)
        {
            files.Add(new CgroupFile(string.Empty, "memory.max", memory <= 0 ? "max" : Text(memory)));
        }

        if (config.PidsLimit is { } pids)
        {
            files.Add(new CgroupFile(string.Empty, "pids.max", pids <= 0 ? "max" : Text(pids)));
        }

        return files;
    }

    // The controllers a v2 parent must delegate (cgroup.subtree_control) for the files above to exist below it.
    public static IReadOnlyList<string> V2Controllers { get; } = ["cpu", "memory", "pids"];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
