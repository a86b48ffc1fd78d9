using Sharplet.Util;

namespace Sharplet.Images;

internal sealed record ImageManagerOptions
{
    // Upstream serializeImagePulls: one pull at a time unless turned off (then maxParallelImagePulls bounds it).
    public bool SerializeImagePulls { get; init; } = true;

    public int MaxParallelImagePulls { get; init; } = 5;

    public BackoffPolicy PullBackoff { get; init; } = BackoffPolicy.CrashLoopDefault;
}
