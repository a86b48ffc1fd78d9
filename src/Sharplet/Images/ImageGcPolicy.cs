using Sharplet.Util;

namespace Sharplet.Images;

// Upstream's ImageGCPolicy: collect when the image filesystem is at least HighThresholdPercent full, down to
// LowThresholdPercent; an image younger than MinAge is never collected; MaxAge (0 = off) collects images unused
// for that long whatever the disk says.
internal sealed record ImageGcPolicy(int HighThresholdPercent, int LowThresholdPercent, TimeSpan MinAge, TimeSpan MaxAge)
{
    public static ImageGcPolicy Default { get; } = new(85, 80, TimeSpan.FromMinutes(2), TimeSpan.Zero);

    // Upstream's ImageGCPeriod.
    public static TimeSpan Period { get; } = TimeSpan.FromMinutes(5);

    // Upstream's validation, with the field names.
    public static ImageGcPolicy Create(int high, int low, TimeSpan minAge, TimeSpan maxAge)
    {
        if (high is < 0 or > 100)
        {
            throw new ConfigException($"imageGCHighThresholdPercent: {high} must be between 0 and 100");
        }

        if (low is < 0 or > 100)
        {
            throw new ConfigException($"imageGCLowThresholdPercent: {low} must be between 0 and 100");
        }

        if (low >= high)
        {
            throw new ConfigException($"imageGCLowThresholdPercent ({low}) must be less than imageGCHighThresholdPercent ({high})");
        }

        if (minAge < TimeSpan.Zero || maxAge < TimeSpan.Zero)
        {
            throw new ConfigException("imageMinimumGCAge and imageMaximumGCAge must not be negative");
        }

        if (maxAge > TimeSpan.Zero && maxAge < minAge)
        {
            throw new ConfigException($"imageMaximumGCAge ({GoDuration.Format(maxAge)}) must be greater than imageMinimumGCAge ({GoDuration.Format(minAge)})");
        }

        return new ImageGcPolicy(high, low, minAge, maxAge);
    }
}
