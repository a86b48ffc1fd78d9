using System.Collections.Concurrent;
using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// Probe runs by probe type and result per container, the data of upstream's prober_probe_total counter
// (labels probe_type, result, container, pod, namespace, pod_uid). A worker's series go away with it, as
// upstream deletes them.
internal sealed class ProbeCounters
{
    private readonly ConcurrentDictionary<(string Type, string Result, string Container, string Pod, string Namespace, string PodUid), long> counts = new();

    public void Increment(ProbeKind kind, ProbeResult result, string container, string pod, string @namespace, string podUid) =>
        counts.AddOrUpdate((kind.ToString(), Label(result), container, pod, @namespace, podUid), 1, static (_, count) => count + 1);

    public void Forget(ProbeKind kind, string container, string podUid)
    {
        foreach (var key in counts.Keys.Where(k => k.Type == kind.ToString() && k.Container == container && k.PodUid == podUid))
        {
            counts.TryRemove(key, out _);
        }
    }

    public IReadOnlyList<ProbeCounterSample> Snapshot() =>
        counts.Select(c => new ProbeCounterSample(c.Key.Type, c.Key.Result, c.Key.Container, c.Key.Pod, c.Key.Namespace, c.Key.PodUid, c.Value)).ToList();

    private static string Label(ProbeResult result) => result switch
    {
        ProbeResult.Success => "successful",
        ProbeResult.Failure => "failed",
        _ => "unknown",
    };
}
