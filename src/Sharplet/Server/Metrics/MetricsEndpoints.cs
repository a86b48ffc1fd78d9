using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sharplet.Prober;
using Sharplet.Server.Stats;

namespace Sharplet.Server.Metrics;

// /metrics, /metrics/probes, /metrics/resource and /stats/summary.
// Every family is recorded where upstream records it (CRI calls, relists, pod workers, eviction); a scrape only
// writes them out.
internal sealed class MetricsEndpoints(KubeletMetrics metrics, ProbeCounters probes, StatsProvider stats) : IKubeletMetricsEndpoints
{
    private static readonly HashSet<string> KnownRoots = new(StringComparer.Ordinal)
    {
        "healthz", "pods", "runningpods", "configz", "spec", "stats", "metrics", "metrics/probes", "metrics/resource", "metrics/cadvisor",
        "containerLogs", "exec", "attach", "portForward", "run", "logs",
    };

    // Upstream's longRunningRequestPathMap, as spelled there: its "portforward" never matches the "portForward"
    // path, so port forwarding counts as long_running="false" there, and here too (the same series for the
    // same requests).
    private static readonly HashSet<string> LongRunning = new(StringComparer.Ordinal) { "exec", "attach", "portforward", "debug" };

    public IDisposable Request(string method, string path, bool readOnly)
    {
        var root = RootPath(path);
        var labels = new[] { LongRunning.Contains(root) ? "true" : "false", method, root, readOnly ? "readonly" : "readwrite" };
        metrics.HttpRequests.Add(1, labels);
        metrics.HttpInflight.Add(1, labels);
        return new InflightRequest(metrics, labels, Stopwatch.GetTimestamp());
    }

    // Upstream's getURLRootPath: "metrics/<sub>" for metrics paths, else the first segment; unknown ones are
    // "other" so that random paths cannot grow the series without end.
    public static string RootPath(string path)
    {
        var parts = path.TrimStart('/').Split('/', 3);
        var root = parts[0] == "metrics" && parts.Length > 1 && parts[1].Length > 0 ? $"metrics/{parts[1]}" : parts[0];
        return KnownRoots.Contains(root) ? root : "other";
    }

    public Task MetricsAsync(HttpContext context)
    {
        var w = new ExpositionWriter();
        foreach (var family in metrics.All)
        {
            family.WriteTo(w);
        }

        ProcessMetrics.WriteTo(w);
        return WriteAsync(context, w);
    }

    public Task ProbesAsync(HttpContext context)
    {
        var w = new ExpositionWriter();
        w.Family("prober_probe_total", "[ALPHA] Cumulative number of a liveness, readiness or startup probe for a container by result.", MetricType.Counter);
        string[] countLabels = ["container", "namespace", "pod", "pod_uid", "probe_type", "result"];
        foreach (var s in probes.Snapshot().OrderBy(s => (s.Namespace, s.Pod, s.Container, s.ProbeType, s.Result)))
        {
            w.Sample("prober_probe_total", countLabels, [s.Container, s.Namespace, s.Pod, s.PodUid, s.ProbeType, s.Result], s.Count);
        }

        w.Family("prober_probe_duration_seconds", "[ALPHA] Duration in seconds for a probe response.", MetricType.Histogram);
        string[] durationLabels = ["container", "namespace", "pod", "probe_type"];
        var bounds = ProbeCounters.DurationBuckets;
        foreach (var s in probes.DurationSnapshot().OrderBy(s => (s.Namespace, s.Pod, s.Container, s.ProbeType)))
        {
            string[] values = [s.Container, s.Namespace, s.Pod, s.ProbeType];
            long cumulative = 0;
            for (var i = 0; i < bounds.Count; i++)
            {
                cumulative += s.BucketCounts[i];
                w.Sample("prober_probe_duration_seconds_bucket", durationLabels, values, cumulative, extraName: "le", extraValue: ExpositionWriter.Format(bounds[i]));
            }

            w.Sample("prober_probe_duration_seconds_bucket", durationLabels, values, s.Count, extraName: "le", extraValue: "+Inf");
            w.Sample("prober_probe_duration_seconds_sum", durationLabels, values, s.Sum);
            w.Sample("prober_probe_duration_seconds_count", durationLabels, values, s.Count);
        }

        return WriteAsync(context, w);
    }

    public async Task ResourceAsync(HttpContext context)
    {
        var summary = await stats.CollectAsync(context.RequestAborted).ConfigureAwait(false);
        var w = ResourceMetrics.Write(summary);
        await WriteAsync(context, w).ConfigureAwait(false);
    }

    public async Task SummaryAsync(HttpContext context)
    {
        var summary = await stats.CollectAsync(context.RequestAborted).ConfigureAwait(false);
        await Respond.JsonAsync(context, SummaryJson.Write(summary)).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, ExpositionWriter w)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = ExpositionWriter.ContentType;
        return context.Response.WriteAsync(w.ToString(), Encoding.UTF8, context.RequestAborted);
    }

    private sealed class InflightRequest(KubeletMetrics metrics, string[] labels, long started) : IDisposable
    {
        public void Dispose()
        {
            metrics.HttpInflight.Add(-1, labels);
            metrics.HttpDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, labels);
        }
    }
}
