using Microsoft.Extensions.DependencyInjection;
using Sharplet.KubeRuntime;
using Sharplet.Pleg;
using Sharplet.PodWorkers;
using Sharplet.Server.Metrics;

namespace Sharplet.Hosting;

// Connects the subsystems' observers to the kubelet's metric families when the core is composed, so that every
// family is recorded at the event (a relist, a pod pass, a pod start) whether or not the server is enabled or
// ever scraped.
internal static class MetricsWiring
{
    public static IServiceCollection AddMetricsObservers(this IServiceCollection services, KubeletMetrics metrics, string nodeName)
    {
        // Upstream sets it once at start.
        metrics.NodeName.Set(1, nodeName);
        return services
            .AddSingleton(new PodWorkObservers
            {
                Work = (operation, duration) => metrics.PodWorkerDuration.Observe(duration.TotalSeconds, operation),
                Started = latency => metrics.PodStartDuration.Observe(latency.TotalSeconds),
            })
            .AddSingleton(new ContainerStartObservers
            {
                Attempted = type => metrics.StartedContainers.Add(1, type),
                Failed = (type, code) => metrics.StartedContainersErrors.Add(1, code, type),
            })
            .AddSingleton(new RelistObservers { Relisted = (duration, snapshot) => RelistMetrics.Record(metrics, nodeName, duration, snapshot) });
    }
}
