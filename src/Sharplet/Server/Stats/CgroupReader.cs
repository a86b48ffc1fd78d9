using System.Globalization;

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
            return Stat(Path.Combine(Dir(null, cgroup), "cpu.stat")).TryGetValue("usage_usec", out var us) ? us * 1000 : null;
        }

        return ReadNumber(Path.Combine(Dir("cpuacct", cgroup), "cpuacct.usage"));
    }

    public (ulong Usage, ulong WorkingSet, ulong Rss, ulong PageFaults, ulong MajorPageFaults)? Memory(string cgroup)
    {
        var dir = Unified ? Dir(null, cgroup) : Dir("memory", cgroup);
        var stat = Stat(Path.Combine(dir, "memory.stat"));
        var usage = Unified
            ? ReadNumber(Path.Combine(dir, "memory.current")) ?? MemoryFromMeminfo()
            : ReadNumber(Path.Combine(dir, "memory.usage_in_bytes"));
        if (usage is not { } u)
        {
            return null;
        }

        var inactive = stat.GetValueOrDefault(Unified ? "inactive_file" : "total_inactive_file");
        var rss = stat.GetValueOrDefault(Unified ? "anon" : "total_rss");
        var faults = stat.GetValueOrDefault(Unified ? "pgfault" : "total_pgfault");
        var major = stat.GetValueOrDefault(Unified ? "pgmajfault" : "total_pgmajfault");
        return (u, u > inactive ? u - inactive : 0, rss, faults, major);
    }

    // The process IDs in the cgroup or any cgroup below it (the first few are enough to find the pod's netns).
    public IEnumerable<int> Processes(string cgroup)
    {
        var dir = Unified ? Dir(null, cgroup) : Dir("memory", cgroup);
        if (!Directory.Exists(dir))
        {
            yield break;
        }

        foreach (var procs in Directory.EnumerateFiles(dir, "cgroup.procs", SearchOption.AllDirectories))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(procs);
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var line in lines)
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    yield return pid;
                }
            }
        }
    }

    private string Dir(string? controller, string cgroup) =>
        Path.Combine(controller is null ? mountRoot : Path.Combine(mountRoot, controller), cgroup.TrimStart('/'));

    // The root cgroup of v2 has no memory.current: the machine's used memory stands in.
    private static ulong? MemoryFromMeminfo()
    {
        var info = Stat("/proc/meminfo", ':');
        return info.TryGetValue("MemTotal", out var total) && info.TryGetValue("MemFree", out var free) ? (total - free) * 1024 : null;
    }

    private static ulong? ReadNumber(string file)
    {
        try
        {
            return ulong.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<string, ulong> Stat(string file, char separator = ' ')
    {
        var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var at = line.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && ulong.TryParse(line[(at + 1)..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    result[line[..at].Trim()] = n;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return result;
    }
}
