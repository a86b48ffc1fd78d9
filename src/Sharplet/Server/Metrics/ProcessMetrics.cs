using System.Diagnostics;
using System.Globalization;

namespace Sharplet.Server.Metrics;

// Prometheus' standard process_* metrics for this process, read from /proc at scrape time.
internal static class ProcessMetrics
{
    public static void WriteTo(ExpositionWriter w)
    {
        using var self = Process.GetCurrentProcess();
        Gauge(w, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", MetricType.Counter, self.TotalProcessorTime.TotalSeconds);
        Gauge(w, "process_max_fds", "Maximum number of open file descriptors.", MetricType.Gauge, MaxFds());
        Gauge(w, "process_open_fds", "Number of open file descriptors.", MetricType.Gauge, OpenFds());
        Gauge(w, "process_resident_memory_bytes", "Resident memory size in bytes.", MetricType.Gauge, self.WorkingSet64);
        Gauge(w, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.", MetricType.Gauge,
            new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        Gauge(w, "process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType.Gauge, self.VirtualMemorySize64);
    }

    private static void Gauge(ExpositionWriter w, string name, string help, MetricType type, double value)
    {
        w.Family(name, help, type);
        w.Sample(name, [], [], value);
    }

    private static double OpenFds()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double MaxFds()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: > 4 } && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
