using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Sharplet.Bench;

// Diagnostic only (BENCH_ALLOC_TYPES=1, off by default): the runtime's GC AllocationTick events (one per ~100 KB allocated),
// counted by the type that crossed the threshold, a sampled profile of what the agent allocates.
internal sealed class AllocationProfile : EventListener
{
    private readonly ConcurrentDictionary<string, long> samples = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Enabled || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        var index = e.PayloadNames.IndexOf("TypeName");
        var name = index >= 0 ? e.Payload![index] as string ?? "?" : "?";
        samples.AddOrUpdate(name, 1, (_, n) => n + 1);
    }

    public void Print()
    {
        foreach (var (name, count) in samples.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine($"    {count,5} x ~100KB  {name}");
        }
    }
}
