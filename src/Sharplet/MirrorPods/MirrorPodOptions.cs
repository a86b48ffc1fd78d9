namespace Sharplet.MirrorPods;

internal sealed record MirrorPodOptions
{
    // Changes (static pods, mirror pods in the API) trigger a pass at once; this period repairs what a failed
    // call left undone.
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(10);
}
