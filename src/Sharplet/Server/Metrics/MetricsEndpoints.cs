using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sharplet.KubeContainer;
using Sharplet.Pleg;
using Sharplet.Prober;
using Sharplet.Server.Stats;
using Sharplet.Statuses;

namespace Sharplet.Server.Metrics;

// /metrics, /metrics/probes, /metrics/resource and /stats/summary.
internal sealed class MetricsEndpoints(
    string nodeName, KubeletMetrics metrics, GenericPleg pleg, StatusManager statuses, ProbeCounters probes, StatsProvider stats) : IKubeletMetricsEndpoints
{
    private static readonly HashSet<string> KnownRoots = new(StringComparer.Ordinal)
    {
        "healthz", "pods", "runningpods", "configz", "spec", "stats", "metrics", "metrics/probes", "metrics/resource", "metrics/cadvisor",
        "containerLogs", "exec", "attach", "portForward", "run", "logs",
    };

    private static readonly HashSet<string> LongRunning = new(StringComparer.Ordinal) { "exec", "attach", "portForward", "containerLogs" };

    // Pods whose start was already observed in kubelet_pod_start_duration_seconds.
    private readonly HashSet<string> observedStarts = new(StringComparer.Ordinal);

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
        Refresh();
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

    public void ObserveRelist(TimeSpan duration, DateTimeOffset at)
    {
        metrics.PlegRelistDuration.Observe(duration.TotalSeconds);
        metrics.PlegLastSeen.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    public void ObservePodWork(string operation, TimeSpan duration) => metrics.PodWorkerDuration.Observe(duration.TotalSeconds, operation);

    // The gauges that describe the present, and the pod starts that completed since the last scrape.
    private void Refresh()
    {
        metrics.NodeName.Set(1, nodeName);
        if (pleg.Latest is { } snapshot)
        {
            var mine = snapshot.Pods.Values.Where(p => p.NodeName is null || p.NodeName == nodeName).ToList();
            metrics.RunningPods.Set(mine.Count(p => p.Sandboxes.Any(s => s.Ready)));
            metrics.RunningContainers.Clear();
            foreach (var group in mine.SelectMany(p => p.Containers).GroupBy(c => c.State))
            {
                metrics.RunningContainers.Set(group.Count(), group.Key switch
                {
                    RuntimeContainerState.Running => "running",
                    RuntimeContainerState.Exited => "exited",
                    RuntimeContainerState.Created => "created",
                    _ => "unknown",
                });
            }
        }

        // From the pod's start time (when the node first saw it) to its last container running: upstream's
        // pod start SLI, observed once per pod.
        lock (observedStarts)
        {
            foreach (var entry in statuses.All())
            {
                var uid = entry.Pod.Metadata?.Uid;
                var containers = entry.Status.ContainerStatuses ?? [];
                if (uid is null || observedStarts.Contains(uid) || entry.Status.StartTime is not { } start || containers.Count == 0
                    || containers.Any(c => c.State?.Running?.StartedAt is null))
                {
                    continue;
                }

                observedStarts.Add(uid);
                var running = containers.Max(c => c.State!.Running!.StartedAt!.Value);
                metrics.PodStartDuration.Observe(Math.Max(0, (running - start).TotalSeconds));
            }
        }
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
