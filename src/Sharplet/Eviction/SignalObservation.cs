namespace Sharplet.Eviction;

// What one signal measured: available and capacity (bytes, inodes or PIDs) and when the figure was taken.
internal sealed record SignalObservation(long Available, long Capacity, DateTimeOffset Time);
