using System.Globalization;
using Sharplet.Util;

namespace Sharplet.Server.Stats;

// CPU and memory of one cgroup from cgroupfs, on v1 (cpuacct, memory hierarchies) or v2 (the unified mount),
// read the way cadvisor does: working set = usage - inactive_file.
internal sealed class CgroupReader(string mountRoot = "/sys/fs/cgroup")
{
    public bool Unified { get; } = File.Exists(Path.Combine(mountRoot, "cgroup.controllers"));

    public ulong? CpuUsageNanoseconds(string cgroup)
    {
        if (Unified)
        {
            return Stat(Path.Combine(Dir(null, cgroup), "cpu.stat"), "usage_usec"u8) is { } us ? us * 1000 : null;
        }

        return ReadNumber(Path.Combine(Dir("cpuacct", cgroup), "cpuacct.usage"));
    }

    public (ulong Usage, ulong WorkingSet, ulong Rss, ulong PageFaults, ulong MajorPageFaults)? Memory(string cgroup)
    {
        var dir = Unified ? Dir(null, cgroup) : Dir("memory", cgroup);
        ulong inactive = 0, rss = 0, faults = 0, major = 0;
        try
        {
            // One read of memory.stat for the four figures; a missing one counts 0.
            var stat = ProcFile.Read(Path.Combine(dir, "memory.stat"));
            inactive = ProcFile.Value(stat, (byte)' ', Unified ? "inactive_file"u8 : "total_inactive_file"u8) ?? 0;
            rss = ProcFile.Value(stat, (byte)' ', Unified ? "anon"u8 : "total_rss"u8) ?? 0;
            faults = ProcFile.Value(stat, (byte)' ', Unified ? "pgfault"u8 : "total_pgfault"u8) ?? 0;
            major = ProcFile.Value(stat, (byte)' ', Unified ? "pgmajfault"u8 : "total_pgmajfault"u8) ?? 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        var usage = Unified
            ? ReadNumber(Path.Combine(dir, "memory.current")) ?? MemoryFromMeminfo()
            : ReadNumber(Path.Combine(dir, "memory.usage_in_bytes"));
        if (usage is not { } u)
        {
            return null;
        }

        return (u, u > inactive ? u - inactive : 0, rss, faults, major);
    }

    // The distinct process IDs in the cgroup or any cgroup below it: how many, and the first one read (enough to
    // find the pod's network namespace). (0, null) when the cgroup is gone.
    public (int Count, int? First) Processes(string cgroup)
    {
        var dir = Unified ? Dir(null, cgroup) : Dir("memory", cgroup);
        if (!Directory.Exists(dir))
        {
            return (0, null);
        }

        var seen = new HashSet<int>();
        int? first = null;
        foreach (var procs in Directory.EnumerateFiles(dir, "cgroup.procs", SearchOption.AllDirectories))
        {
            ReadOnlySpan<byte> text;
            try
            {
                text = ProcFile.Read(procs);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var range in text.Split((byte)'\n'))
            {
                if (int.TryParse(text[range], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && seen.Add(pid))
                {
                    first ??= pid;
                }
            }
        }

        return (seen.Count, first);
    }

    private string Dir(string? controller, string cgroup) =>
        Path.Combine(controller is null ? mountRoot : Path.Combine(mountRoot, controller), cgroup.TrimStart('/'));

    // The root cgroup of v2 has no memory.current: the machine's used memory stands in.
    private static ulong? MemoryFromMeminfo()
    {
        try
        {
            var info = ProcFile.Read("/proc/meminfo");
            return ProcFile.Value(info, (byte)':', "MemTotal"u8) is { } total && ProcFile.Value(info, (byte)':', "MemFree"u8) is { } free ? (total - free) * 1024 : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ulong? ReadNumber(string file)
    {
        try
        {
            return ProcFile.Number(ProcFile.Read(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ulong? Stat(string file, ReadOnlySpan<byte> key)
    {
        try
        {
            return ProcFile.Value(ProcFile.Read(file), (byte)' ', key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
