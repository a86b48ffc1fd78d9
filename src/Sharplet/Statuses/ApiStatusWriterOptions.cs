namespace Sharplet.Statuses;

internal sealed record ApiStatusWriterOptions
{
    // First retry of a failed write, doubling up to RetryMax: short enough that statuses catch up within
    // seconds of an API outage ending.
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);

    // Upstream's syncPeriod: every pod's API status is compared with ours this often, so a write lost (or an
    // overwrite by someone else) is repaired.
    public TimeSpan ReconcilePeriod { get; init; } = TimeSpan.FromSeconds(10);
}
