using System.Globalization;

namespace Sharplet.Nodes;

// Reads the eviction signals from the host. Simpler than upstream's cgroup-based accounting: memory.available
// is the kernel's MemAvailable (upstream: capacity minus the root cgroup's working set), the filesystems'
// available bytes come from statfs via DriveInfo, and pid.available is the PID limit minus the tasks the kernel
// counts in /proc/loadavg.
internal static class HostSignals
{
    public static (long? Available, long? Capacity) Memory()
    {
        long? total = null, available = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                total ??= Kilobytes(line, "MemTotal:");
                available ??= Kilobytes(line, "MemAvailable:");
            }
        }
        catch (IOException)
        {
        }

        return (available, total);
    }

    public static (long? Available, long? Capacity) Filesystem(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return (drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, null);
        }
    }

    public static (long? Available, long? Capacity) Pids()
    {
        try
        {
            var max = Math.Min(ReadLong("/proc/sys/kernel/pid_max"), ReadLong("/proc/sys/kernel/threads-max"));

            // /proc/loadavg: "0.00 0.01 0.05 2/345 6789"; the fourth field is running/total tasks.
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var tasks = long.Parse(fields[3].Split('/')[1], NumberStyles.None, CultureInfo.InvariantCulture);
            return (max - tasks, max);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return (null, null);
        }
    }

    private static long? Kilobytes(string line, string key)
    {
        if (!line.StartsWith(key, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line[key.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    private static long ReadLong(string path) =>
        long.Parse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
