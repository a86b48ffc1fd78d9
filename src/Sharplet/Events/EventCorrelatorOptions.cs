namespace Sharplet.Events;

// client-go's defaults (tools/record/events_cache.go).
internal sealed record EventCorrelatorOptions
{
    public int CacheSize { get; init; } = 4096;

    // After this many events that differ only in message within AggregateWindow, they are combined.
    public int AggregateMaxEvents { get; init; } = 10;

    public TimeSpan AggregateWindow { get; init; } = TimeSpan.FromMinutes(10);

    // Per source and object: a burst of 25, then one event every 5 minutes.
    public int SpamBurst { get; init; } = 25;

    public double SpamQps { get; init; } = 1.0 / 300;
}
