using Sharplet.Api;

namespace Sharplet.Eviction;

// Upstream's ranking functions, first to evict first. Memory: pods whose usage exceeds their request, then lower
// priority, then more usage over request. Disk: the same with the disk usage the signal's filesystem holds
// against the ephemeral-storage request. PIDs: lower priority, then more processes. A pod without figures goes
// first (upstream: "prioritize evicting the pod for which no stats were found").
internal static class PodRanker
{
    public static IReadOnlyList<Pod> Rank(string signal, IEnumerable<Pod> pods, Func<Pod, PodUsage?> usage, bool dedicatedImageFs)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var entries = pods.Select(p => new Entry(p, usage(p), p.Spec?.Priority ?? 0)).ToList();
        IOrderedEnumerable<Entry> ordered;
        if (EvictionSignals.IsMemory(signal))
        {
            ordered = entries.OrderByDescending(e => e.Usage is null)
                .ThenByDescending(e => Memory(e) > Request(e.Pod, ResourceName.Memory))
                .ThenBy(e => e.Priority)
                .ThenByDescending(e => Memory(e) - Request(e.Pod, ResourceName.Memory));
        }
        else if (signal == EvictionSignals.PidAvailable)
        {
            ordered = entries.OrderBy(e => e.Priority)
                .ThenByDescending(e => e.Usage is null)
                .ThenByDescending(e => e.Usage?.Processes ?? 0);
        }
        else
        {
            ordered = entries.OrderByDescending(e => e.Usage is null)
                .ThenByDescending(e => Disk(e, signal, dedicatedImageFs) > Request(e.Pod, ResourceName.EphemeralStorage))
                .ThenBy(e => e.Priority)
                .ThenByDescending(e => Disk(e, signal, dedicatedImageFs) - Request(e.Pod, ResourceName.EphemeralStorage));
        }

        return ordered.Select(e => e.Pod).ToList();
    }

    public static long Request(Pod pod, string resource) =>
        pod.Spec is { } spec && PodResourceTotals.Requests(spec).TryGetValue(resource, out var q) ? q.Value() : 0;

    private static long Memory(Entry e) => e.Usage?.MemoryWorkingSet ?? 0;

    private static long Disk(Entry e, string signal, bool dedicatedImageFs) => e.Usage?.DiskBytes(signal, dedicatedImageFs) ?? 0;

    private sealed record Entry(Pod Pod, PodUsage? Usage, int Priority);
}
