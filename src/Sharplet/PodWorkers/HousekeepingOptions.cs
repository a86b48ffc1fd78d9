namespace Sharplet.PodWorkers;

internal sealed record HousekeepingOptions
{
    // Upstream runs housekeeping every 2 s.
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(2);
}
