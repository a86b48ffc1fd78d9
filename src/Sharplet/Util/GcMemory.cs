namespace Sharplet.Util;

/// <summary>
/// Returns the GC's free committed memory to the OS: the one place that runs the aggressive (decommitting) full
/// collection, for the periodic trimmer (Hosting/MemoryTrimmer) and after a large input. The .NET GC keeps regions
/// it freed committed for reuse, so a burst leaves the resident set where the burst took it. A manifest or object of
/// megabytes (legitimate or hostile) costs its bytes, its UTF-16 text (both on the large object heap, which only a
/// full collection frees) and the parser's garbage: one such file kept the agent's RSS up to +10 MB, and a few added
/// up to +26 MB in the hostile corpus. Real manifests are a few KiB, so <see cref="AfterInput"/> collects only for
/// the rare large one, where a few milliseconds of blocking GC on a heap of a few MB is cheap next to the decode.
/// </summary>
internal static class GcMemory
{
    public const int LargeInputBytes = 512 * 1024;

    /// <summary>One aggressive full collection; returns the committed bytes the heap does not use afterwards.</summary>
    public static long ReturnFreeMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo();
        return Math.Max(0, after.TotalCommittedBytes - after.HeapSizeBytes);
    }

    /// <summary>After decoding an input of this size (its bytes and text out of scope): collect if it was large.</summary>
    public static void AfterInput(int inputBytes)
    {
        if (inputBytes >= LargeInputBytes)
        {
            ReturnFreeMemory();
        }
    }
}
