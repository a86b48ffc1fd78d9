using Sharplet.Server.Stats;

namespace Sharplet.Server.Metrics;

// /metrics/resource, the families metrics-server scrapes (upstream's resource metrics collector), each sample
// with the timestamp of its figure.
internal static class ResourceMetrics
{
    public static ExpositionWriter Write(Summary summary)
    {
        var w = new ExpositionWriter();
        string[] containerLabels = ["container", "namespace", "pod"];
        string[] podLabels = ["namespace", "pod"];
        var containers = summary.Pods.SelectMany(p => p.Containers.Select(c => (Pod: p, Container: c))).ToList();

        w.Family("container_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the container in core-seconds", MetricType.Counter);
        foreach (var (p, c) in containers.Where(x => x.Container.Cpu is not null))
        {
            w.Sample("container_cpu_usage_seconds_total", containerLabels, [c.Name, p.Namespace, p.Name], c.Cpu!.UsageCoreNanoSeconds / 1e9, Ms(c.Cpu.Time));
        }

        w.Family("container_memory_working_set_bytes", "[STABLE] Current working set of the container in bytes", MetricType.Gauge);
        foreach (var (p, c) in containers.Where(x => x.Container.Memory is not null))
        {
            w.Sample("container_memory_working_set_bytes", containerLabels, [c.Name, p.Namespace, p.Name], c.Memory!.WorkingSetBytes, Ms(c.Memory.Time));
        }

        w.Family("container_start_time_seconds", "[STABLE] Start time of the container since unix epoch in seconds", MetricType.Gauge);
        foreach (var (p, c) in containers)
        {
            w.Sample("container_start_time_seconds", containerLabels, [c.Name, p.Namespace, p.Name], c.StartTime.ToUnixTimeMilliseconds() / 1000.0, Ms(c.StartTime));
        }

        var node = summary.Node;
        w.Family("node_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the node in core-seconds", MetricType.Counter);
        if (node.Cpu is { } cpu)
        {
            w.Sample("node_cpu_usage_seconds_total", [], [], cpu.UsageCoreNanoSeconds / 1e9, Ms(cpu.Time));
        }

        w.Family("node_memory_working_set_bytes", "[STABLE] Current working set of the node in bytes", MetricType.Gauge);
        if (node.Memory is { } memory)
        {
            w.Sample("node_memory_working_set_bytes", [], [], memory.WorkingSetBytes, Ms(memory.Time));
        }

        w.Family("pod_cpu_usage_seconds_total", "[STABLE] Cumulative cpu time consumed by the pod in core-seconds", MetricType.Counter);
        foreach (var p in summary.Pods.Where(p => p.Cpu is not null))
        {
            w.Sample("pod_cpu_usage_seconds_total", podLabels, [p.Namespace, p.Name], p.Cpu!.UsageCoreNanoSeconds / 1e9, Ms(p.Cpu.Time));
        }

        w.Family("pod_memory_working_set_bytes", "[STABLE] Current working set of the pod in bytes", MetricType.Gauge);
        foreach (var p in summary.Pods.Where(p => p.Memory is not null))
        {
            w.Sample("pod_memory_working_set_bytes", podLabels, [p.Namespace, p.Name], p.Memory!.WorkingSetBytes, Ms(p.Memory.Time));
        }

        w.Family("resource_scrape_error", "[STABLE] 1 if there was an error while getting container metrics, 0 otherwise", MetricType.Gauge);
        w.Sample("resource_scrape_error", [], [], summary.ScrapeError ? 1 : 0);
        return w;
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
