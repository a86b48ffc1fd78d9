using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Util;

namespace Sharplet.Hosting;

/// <summary>
/// Gives the GC's free committed memory back to the OS, as Go's scavenger does for the upstream kubelet. The .NET
/// GC keeps regions it freed committed for reuse, so a burst (30 pods starting, a large manifest, a relist of
/// many containers) leaves the resident set where the burst took it: measured 54 MB idle with 3 pods of which
/// ~8 MB were free GC memory that one aggressive collection returned. Every <see cref="Period"/> this checks how
/// much committed memory the live heap does not use and, when that slack has grown by <see cref="SlackBytes"/> since
/// the last trim, runs one aggressive (decommitting) full collection (Util/GcMemory). On a heap of a few MB that is a few
/// milliseconds at most once per period; an idle node whose slack does not grow is never collected again.
/// Every period it also unmaps the clean read-only file pages (Util/MappedFilePages): with 30 pods 9 of the binary's
/// 20 resident MB were start-up code and data never touched again, and libcrypto's pages likewise; what the agent
/// runs maps again with a minor fault, so the resident set follows the last period's working set. Reading smaps
/// and the madvise calls cost well under a millisecond per period.
/// </summary>
internal sealed partial class MemoryTrimmer(TimeProvider time, ILogger<MemoryTrimmer> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    public const long SlackBytes = 4L * 1024 * 1024;

    private long slackAfterTrim;

    /// <summary>The pure rule: trim when the unused committed memory grew by the slack since the last trim.</summary>
    public static bool ShouldTrim(long committedBytes, long heapBytes, long slackAfterLastTrim) =>
        committedBytes - heapBytes - slackAfterLastTrim >= SlackBytes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                TrimIfWorthIt();
                var dropped = MappedFilePages.DropClean();
                LogFilePagesDropped(logger, dropped / 1024);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void TrimIfWorthIt()
    {
        var before = GC.GetGCMemoryInfo();
        // Debug (-v 4): the heap each period, to tell garbage promoted to gen2 from live data.
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        LogHeap(logger, before.HeapSizeBytes / 1024, before.TotalCommittedBytes / 1024, before.FragmentedBytes / 1024, gen0, gen1, gen2);
        if (!ShouldTrim(before.TotalCommittedBytes, before.HeapSizeBytes, slackAfterTrim))
        {
            return;
        }

        slackAfterTrim = GcMemory.ReturnFreeMemory();
        LogTrimmed(logger, (before.TotalCommittedBytes - before.HeapSizeBytes) / 1024, slackAfterTrim / 1024);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "returned free GC memory to the OS: committed but unused {BeforeKiB} KiB -> {AfterKiB} KiB")]
    private static partial void LogTrimmed(ILogger logger, long beforeKiB, long afterKiB);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GC heap {HeapKiB} KiB, committed {CommittedKiB} KiB, fragmented {FragmentedKiB} KiB; collections gen0 {Gen0} gen1 {Gen1} gen2 {Gen2}")]
    private static partial void LogHeap(ILogger logger, long heapKiB, long committedKiB, long fragmentedKiB, int gen0, int gen1, int gen2);

    [LoggerMessage(Level = LogLevel.Debug, Message = "unmapped {KiB} KiB of clean read-only file pages")]
    private static partial void LogFilePagesDropped(ILogger logger, long kiB);
}
