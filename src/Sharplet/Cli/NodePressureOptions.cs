using System.CommandLine;
using System.Globalization;
using Sharplet.Hosting;
using Sharplet.Logs;
using Sharplet.Util;

namespace Sharplet.Cli;

// Upstream's (config-file-preferred) flags of eviction, image GC, node status images and container log rotation. --eviction-hard and --eviction-soft take "signal<value" pairs, the others "signal=value", as upstream.
internal sealed class NodePressureOptions
{
    public Option<string?> EvictionHard { get; } = new("--eviction-hard") { Description = "hard eviction thresholds, e.g. memory.available<100Mi,nodefs.available<10% (default upstream's)" };

    public Option<string?> EvictionSoft { get; } = new("--eviction-soft") { Description = "soft eviction thresholds, e.g. memory.available<1.5Gi (each needs a grace period)" };

    public Option<string?> EvictionSoftGracePeriod { get; } = new("--eviction-soft-grace-period") { Description = "grace periods of the soft thresholds, e.g. memory.available=1m30s" };

    public Option<string?> EvictionMinimumReclaim { get; } = new("--eviction-minimum-reclaim") { Description = "minimum reclaim past a threshold, e.g. imagefs.available=2Gi" };

    public Option<string?> EvictionPressureTransitionPeriod { get; } = new("--eviction-pressure-transition-period") { Description = "how long a pressure condition stays after it was last seen (default 5m)" };

    public Option<int?> EvictionMaxPodGracePeriod { get; } = new("--eviction-max-pod-grace-period") { Description = "grace period (s) of pods evicted for a soft threshold (default 0)" };

    public Option<int?> ImageGcHighThreshold { get; } = new("--image-gc-high-threshold") { Description = "image filesystem usage percent that starts image GC (default 85)" };

    public Option<int?> ImageGcLowThreshold { get; } = new("--image-gc-low-threshold") { Description = "image filesystem usage percent image GC frees down to (default 80)" };

    public Option<string?> MinimumImageTtlDuration { get; } = new("--minimum-image-ttl-duration") { Description = "minimum age of an unused image before GC may remove it (default 2m)" };

    public Option<int?> NodeStatusMaxImages { get; } = new("--node-status-max-images") { Description = "images reported in node status (default 50; -1 for all)" };

    public Option<string?> ContainerLogMaxSize { get; } = new("--container-log-max-size") { Description = "size at which a container log is rotated, e.g. 10Mi (default 10Mi; negative disables rotation)" };

    public Option<int?> ContainerLogMaxFiles { get; } = new("--container-log-max-files") { Description = "most log files kept per container, the current one included (default 5, at least 2)" };

    public IEnumerable<Option> All =>
    [
        EvictionHard, EvictionSoft, EvictionSoftGracePeriod, EvictionMinimumReclaim, EvictionPressureTransitionPeriod, EvictionMaxPodGracePeriod,
        ImageGcHighThreshold, ImageGcLowThreshold, MinimumImageTtlDuration, NodeStatusMaxImages,
        ContainerLogMaxSize, ContainerLogMaxFiles,
    ];

    public void Apply(ParseResult result, SharpletSettings settings)
    {
        Set(result, EvictionHard, v => settings.EvictionHard = Pairs(v, '<', "--eviction-hard"));
        Set(result, EvictionSoft, v => settings.EvictionSoft = Pairs(v, '<', "--eviction-soft"));
        Set(result, EvictionSoftGracePeriod, v => settings.EvictionSoftGracePeriod = Pairs(v, '=', "--eviction-soft-grace-period"));
        Set(result, EvictionMinimumReclaim, v => settings.EvictionMinimumReclaim = Pairs(v, '=', "--eviction-minimum-reclaim"));
        Set(result, EvictionPressureTransitionPeriod, v => settings.EvictionPressureTransitionPeriod = Duration(v, "--eviction-pressure-transition-period"));
        Set(result, EvictionMaxPodGracePeriod, v => settings.EvictionMaxPodGracePeriod = v ?? 0);
        Set(result, ImageGcHighThreshold, v => settings.ImageGcHighThresholdPercent = v ?? 85);
        Set(result, ImageGcLowThreshold, v => settings.ImageGcLowThresholdPercent = v ?? 80);
        Set(result, MinimumImageTtlDuration, v => settings.ImageMinimumGcAge = Duration(v, "--minimum-image-ttl-duration"));
        Set(result, NodeStatusMaxImages, v => settings.NodeStatusMaxImages = v ?? 50);
        Set(result, ContainerLogMaxSize, v => settings.ContainerLogMaxSize = v ?? LogRotatePolicy.DefaultMaxSize);
        Set(result, ContainerLogMaxFiles, v => settings.ContainerLogMaxFiles = v ?? LogRotatePolicy.DefaultMaxFiles);
    }

    private static void Set<T>(ParseResult result, Option<T> option, Action<T?> apply)
    {
        if (result.GetResult(option) is not null)
        {
            apply(result.GetValue(option));
        }
    }

    // "a<1,b<2" or "a=1,b=2"; an empty value clears the map (upstream: --eviction-hard= disables the defaults).
    internal static Dictionary<string, string> Pairs(string? value, char separator, string flag)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ConfigException($"{flag}: \"{pair}\" is not signal{separator}value");
            }

            result[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }

        return result;
    }

    private static TimeSpan Duration(string? value, string flag) =>
        GoDuration.TryParse(value, out var d) ? d : throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{flag}: \"{value}\" is not a duration (e.g. 10s, 1m30s)"));
}
