namespace Sharplet.Util;

/// <summary>
/// Returns to the OS the memory a large input took to decode. A manifest or object of megabytes (legitimate or
/// hostile) costs its bytes, its UTF-16 text (both on the large object heap, which only a full collection frees)
/// and the parser's garbage; the GC keeps the freed regions committed for reuse, so one such file kept the agent's
/// RSS up to +10 MB for good, and a few of them added up (the hostile corpus measured +26 MB). After an input of at
/// least <see cref="Threshold"/> bytes, one aggressive full collection decommits what is free again. Real
/// manifests are a few KiB, so this runs only for the rare large one, where a few milliseconds of blocking GC on a
/// heap of a few MB is cheap next to the decode itself.
/// </summary>
internal static class LargeInputMemory
{
    public const int Threshold = 512 * 1024;

    public static void GiveBack(int inputBytes)
    {
        if (inputBytes >= Threshold)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
