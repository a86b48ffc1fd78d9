using System.Globalization;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Logs;

// Upstream's LogRotatePolicy plus the manager's worker count and period: rotate a running container's log once
// it reaches MaxSize bytes, keeping at most MaxFiles files (the current one included). Disabled (null) when
// containerLogMaxSize is negative, as upstream's stub manager.
internal sealed record LogRotatePolicy(long MaxSize, int MaxFiles, int MaxWorkers, TimeSpan MonitorInterval)
{
    public const string DefaultMaxSize = "10Mi";

    public const int DefaultMaxFiles = 5;

    public const int DefaultMaxWorkers = 1;

    public static TimeSpan DefaultMonitorInterval { get; } = TimeSpan.FromSeconds(10);

    // Upstream's validation (kubelet config validation and NewContainerLogManager), naming the field.
    public static LogRotatePolicy? Create(string maxSize, int maxFiles, int maxWorkers, TimeSpan monitorInterval)
    {
        if (maxFiles <= 1)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"containerLogMaxFiles (--container-log-max-files): invalid MaxFiles {maxFiles}, must be > 1"));
        }

        if (maxWorkers < 1)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"containerLogMaxWorkers: {maxWorkers} must be >= 1"));
        }

        if (monitorInterval < TimeSpan.FromSeconds(3))
        {
            throw new ConfigException($"containerLogMonitorInterval: {GoDuration.Format(monitorInterval)} must be a positive time duration greater than or equal to 3s");
        }

        if (!Quantity.TryParse(maxSize, out var size))
        {
            throw new ConfigException($"containerLogMaxSize (--container-log-max-size): failed to parse container log max size \"{maxSize}\"");
        }

        return size.Sign < 0 ? null : new LogRotatePolicy(size.Value(), maxFiles, maxWorkers, monitorInterval);
    }
}
