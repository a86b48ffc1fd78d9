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

    // Upstream's prober_probe_duration_seconds buckets (Prometheus' default ones).
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Type, string Container, string Pod, string Namespace, string PodUid), ProbeDurationSample> durations = new();

    // One probe's response time (prober_probe_duration_seconds, labels probe_type, container, pod, namespace).
    public void ObserveDuration(ProbeKind kind, string container, string pod, string @namespace, string podUid, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        durations.AddOrUpdate((kind.ToString(), container, pod, @namespace, podUid),
            _ => ProbeDurationSample.First(kind.ToString(), container, pod, @namespace, seconds, DurationBuckets),
            (_, old) => old.With(seconds, DurationBuckets));
    }

    public IReadOnlyList<ProbeDurationSample> DurationSnapshot() => durations.Values.ToList();

    public void Forget(ProbeKind kind, string container, string podUid)
    {
        foreach (var key in counts.Keys.Where(k => k.Type == kind.ToString() && k.Container == container && k.PodUid == podUid))
        {
            counts.TryRemove(key, out _);
        }

        foreach (var key in durations.Keys.Where(k => k.Type == kind.ToString() && k.Container == container && k.PodUid == podUid))
        {
            durations.TryRemove(key, out _);
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
