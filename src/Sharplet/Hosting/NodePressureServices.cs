using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sharplet.Eviction;
using Sharplet.Images;
using Sharplet.KubeRuntime;
using Sharplet.Logs;
using Sharplet.Nodes;
using Sharplet.PodWorkers;
using Sharplet.Pods;
using Sharplet.Server.Stats;
using Sharplet.Server.Metrics;
using Sharplet.Util;

namespace Sharplet.Hosting;

// Node-pressure handling: the eviction manager (its conditions feed node status and admission), container and
// image garbage collection, container log rotation. Every setting is validated here, so a bad one stops the start naming its field.
internal static class NodePressureServices
{
    public static IServiceCollection AddNodePressure(this IServiceCollection services, SharpletSettings settings, NodeContext node, NodeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(facts);
        var thresholds = ThresholdConfig.Parse(settings.EvictionHard, settings.EvictionSoft, settings.EvictionSoftGracePeriod,
            settings.EvictionMinimumReclaim, settings.EnforceNodeAllocatable.Contains("pods"));
        if (settings.EvictionPressureTransitionPeriod < TimeSpan.Zero)
        {
            throw new ConfigException($"evictionPressureTransitionPeriod: {settings.EvictionPressureTransitionPeriod} must not be negative");
        }

        if (settings.EvictionMaxPodGracePeriod < 0)
        {
            throw new ConfigException($"evictionMaxPodGracePeriod: {settings.EvictionMaxPodGracePeriod} must not be negative");
        }

        var imagePolicy = ImageGcPolicy.Create(settings.ImageGcHighThresholdPercent, settings.ImageGcLowThresholdPercent, settings.ImageMinimumGcAge, settings.ImageMaximumGcAge);
        var logRotation = LogRotatePolicy.Create(settings.ContainerLogMaxSize, settings.ContainerLogMaxFiles, settings.ContainerLogMaxWorkers, settings.ContainerLogMonitorInterval);
        if (logRotation is not null)
        {
            services.AddSingleton(logRotation)
                .AddSingleton<ContainerLogManager>()
                .AddSingleton<IHostedService>(sp => sp.GetRequiredService<ContainerLogManager>());
        }

        var evictionOptions = new EvictionOptions
        {
            MaxPodGracePeriodSeconds = settings.EvictionMaxPodGracePeriod,
            LocalStorageCapacityIsolation = settings.LocalStorageCapacityIsolation,
        };
        // The /stats/summary figures: the eviction manager reads the same ones the kubelet server serves.
        services.AddSingleton(new CgroupReader())
            .AddSingleton(new StatsNodeInfo(node.NodeName, StatsProvider.BootTime(), (ulong)Math.Max(0, facts.MemoryBytes), settings.RootDir, settings.PodLogsDir))
            .AddSingleton<StatsProvider>();
        services.AddSingleton(ContainerGcPolicy.Default)
            .AddSingleton<ContainerGc>()
            .AddSingleton<ContainerGcLoop>()
            .AddSingleton<IHostedService>(sp => sp.GetRequiredService<ContainerGcLoop>())
            .AddSingleton(imagePolicy)
            .AddSingleton<IImageFs, RuntimeImageFs>()
            .AddSingleton(sp =>
            {
                var gc = new ImageGcManager(sp.GetRequiredService<Cri.IImageService>(), sp.GetRequiredService<Cri.IRuntimeService>(),
                    sp.GetRequiredService<IImageFs>(), imagePolicy, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ImageGcManager>>());
                var metrics = sp.GetRequiredService<KubeletMetrics>();
                gc.ImageRemoved = reason => metrics.ImageGarbageCollected.Add(1, reason);
                return gc;
            })
            .AddSingleton<IHostedService>(sp => sp.GetRequiredService<ImageGcManager>())
            .AddSingleton(new ThresholdTracker(thresholds, settings.EvictionPressureTransitionPeriod))
            .AddSingleton(evictionOptions)
            .AddSingleton<IEvictionStats, EvictionStatsReader>()
            .AddSingleton<IPodEvictor, WorkerPodEvictor>()
            .AddSingleton<INodeReclaimer, NodeReclaimer>()
            .AddSingleton<EvictionManager>()
            .AddSingleton<INodePressure>(sp => sp.GetRequiredService<EvictionManager>())
            .AddSingleton<IHostedService>(sp => sp.GetRequiredService<EvictionManager>());
        return services;
    }
}
