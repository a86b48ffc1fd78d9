namespace Sharplet.Images;

// Upstream's image GC decisions, without I/O. Candidates are images no container uses, not pinned, and at least
// MinAge since first seen; the least recently used go first (then the earliest seen), until enough bytes are
// freed.
internal static class ImageGcPlanner
{
    // How many bytes to free: null below the high threshold, else down to the low threshold.
    public static long? AmountToFree(long capacity, long available, ImageGcPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (capacity <= 0)
        {
            return null;
        }

        available = Math.Min(available, capacity);
        var usagePercent = 100 - (int)(available * 100 / capacity);
        return usagePercent >= policy.HighThresholdPercent ? (capacity * (100 - policy.LowThresholdPercent) / 100) - available : null;
    }

    public static IReadOnlyList<ImageRecord> ToFree(IEnumerable<ImageRecord> records, long bytesToFree, DateTimeOffset now, ImageGcPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var result = new List<ImageRecord>();
        long freed = 0;
        foreach (var image in Candidates(records, now, policy))
        {
            if (freed >= bytesToFree)
            {
                break;
            }

            result.Add(image);
            freed += image.Size;
        }

        return result;
    }

    // Upstream's freeOldImages (imageMaximumGCAge): unused images not used for longer than MaxAge.
    public static IReadOnlyList<ImageRecord> TooOld(IEnumerable<ImageRecord> records, DateTimeOffset now, ImageGcPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.MaxAge <= TimeSpan.Zero ? [] : Candidates(records, now, policy).Where(r => now - r.LastUsed > policy.MaxAge).ToList();
    }

    private static IEnumerable<ImageRecord> Candidates(IEnumerable<ImageRecord> records, DateTimeOffset now, ImageGcPolicy policy) =>
        records.Where(r => !r.InUse && !r.Pinned && now - r.FirstDetected >= policy.MinAge)
            .OrderBy(r => r.LastUsed).ThenBy(r => r.FirstDetected);
}
