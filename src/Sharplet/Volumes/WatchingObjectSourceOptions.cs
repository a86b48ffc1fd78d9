namespace Sharplet.Volumes;

internal sealed record WatchingObjectSourceOptions
{
    // A direct read (before an object's watch has synced) must not hold a pod worker for the client's
    // minute-long request timeout.
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
