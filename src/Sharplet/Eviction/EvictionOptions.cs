namespace Sharplet.Eviction;

// Upstream's eviction Config: evictionMaxPodGracePeriod for soft evictions, the monitoring period (10 s) and
// how long to wait for an evicted pod's cleanup (30 s).
internal sealed class EvictionOptions
{
    public long MaxPodGracePeriodSeconds { get; init; }

    // localStorageCapacityIsolation: false turns off eviction for ephemeral-storage limits and emptyDir sizeLimit.
    public bool LocalStorageCapacityIsolation { get; init; } = true;

    public TimeSpan MonitoringPeriod { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PodCleanupTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
