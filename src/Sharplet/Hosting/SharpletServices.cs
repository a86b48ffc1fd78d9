using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sharplet.Admission;
using Sharplet.Cm;
using Sharplet.Config;
using Sharplet.Cri;
using Sharplet.Events;
using Sharplet.Hooks;
using Sharplet.Images;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.Nodes;
using Sharplet.Pleg;
using Sharplet.Pods;
using Sharplet.PodWorkers;
using Sharplet.ProbeResults;
using Sharplet.Prober;
using Sharplet.Prober.Handlers;
using Sharplet.Server.Metrics;
using Sharplet.Statuses;
using Sharplet.Util;
using Sharplet.Volumes;

namespace Sharplet.Hosting;

// The composition root: every subsystem is a singleton, every periodic loop a hosted service.
internal static class SharpletServices
{
    public static IServiceCollection AddSharplet(
        this IServiceCollection services, SharpletSettings settings, NodeContext node, NodeFacts facts, CriConnection cri, RuntimeIdentity runtimeIdentity, TimeProvider time)
    {
        var sources = new List<string>();
        if (!string.IsNullOrEmpty(settings.StaticPodPath))
        {
            sources.Add(StaticPodSource.SourceName);
        }

        var connected = !string.IsNullOrEmpty(settings.Kubeconfig);
        if (connected)
        {
            sources.Add(ApiPodSource.SourceName);
        }

        var (crashInitial, crashMax) = settings.CrashLoopBackOff;
        var metrics = new KubeletMetrics();
        services.AddSingleton(settings).AddSingleton(node).AddSingleton(facts).AddSingleton(time).AddSingleton(runtimeIdentity)
            .AddSingleton(cri)
            // Every CRI call counted and timed for /metrics (kubelet_runtime_operations_*).
            .AddSingleton(metrics).AddSingleton<IRuntimeService>(new InstrumentedRuntimeService(cri.Runtime, metrics))
            .AddSingleton<IImageService>(new InstrumentedImageService(cri.Images, metrics))
            .AddSingleton(new PodDirectories(settings.RootDir))
            .AddSingleton(new RuntimeSettings
            {
                PodLogsDir = settings.PodLogsDir,
                ClusterDns = settings.ClusterDns,
                ClusterDomain = settings.ClusterDomain,
                ResolvConf = settings.ResolvConf,
            })
            .AddSingleton(new PlegOptions())
            .AddSingleton(new PodSyncOptions { ResyncInterval = settings.SyncFrequency })
            .AddSingleton(new HousekeepingOptions())
            .AddSingleton(new ImageManagerOptions
            {
                SerializeImagePulls = settings.SerializeImagePulls,
                MaxParallelImagePulls = settings.MaxParallelImagePulls ?? 5,
            })
            .AddSingleton(new RestartBackoff(new Backoff(new BackoffPolicy(crashInitial, crashMax), time)))
            .AddSingleton(new PodConfig(sources))
            .AddSingleton<ManifestProblems>()
            .AddSingleton<IPodObjectSource, NoApiObjectSource>()
            .AddSingleton<IServiceSource, NoServiceSource>()
            .AddSingleton<IEventRecorder, LogEventRecorder>()
            .AddSingleton<LogNodeEventRecorder>()
            .AddSingleton<INodeEventRecorder>(sp => sp.GetRequiredService<LogNodeEventRecorder>())
            .AddSingleton<PlegEvents>()
            .AddSingleton<RuntimePodReader>()
            .AddSingleton<DnsConfigurer>()
            .AddSingleton(sp => new SandboxConfigBuilder(sp.GetRequiredService<RuntimeSettings>(), sp.GetRequiredService<PodContainerManager>(),
                sp.GetRequiredService<DnsConfigurer>(), node.NodeName))
            .AddSingleton<EnvironmentBuilder>()
            .AddSingleton<ContainerConfigBuilder>()
            .AddSingleton<ExecHandler>()
            .AddSingleton<HttpGetHandler>()
            .AddSingleton<TcpSocketHandler>()
            .AddSingleton<GrpcHealthHandler>()
            .AddSingleton<IContainerProber, ContainerProber>()
            .AddSingleton<ProbeCounters>()
            .AddSingleton(new ProberOptions())
            .AddSingleton<HookRunner>()
            .AddSingleton<ImageManager>()
            .AddSingleton<ReasonCache>()
            .AddSingleton<ContainerKiller>()
            .AddSingleton<ContainerStarter>()
            .AddSingleton<PodExecutor>()
            .AddSingleton<StatusManager>()
            .AddSingleton<ProbeResultsCache>()
            .AddSingleton<IProbeResults>(sp => sp.GetRequiredService<ProbeResultsCache>())
            .AddSingleton<TerminationMessageReader>()
            .AddSingleton<PodSyncer>()
            .AddSingleton<PodWorkerPool>()
            .AddSingleton<IPodWorkerStates>(sp => sp.GetRequiredService<PodWorkerPool>())
            .AddSingleton<IPodAdmission, PodAdmission>();

        services.AddMetricsObservers(metrics, node.NodeName);
        services.AddVolumes();
        services.AddCgroups(settings, facts);
        services.AddNodePressure(settings, node, facts);
        AddLoop<GenericPleg>(services);
        AddLoop<EventedPleg>(services);
        AddLoop<SyncLoop>(services);
        AddLoop<Housekeeping>(services);
        AddLoop<ProberManager>(services);
        AddLoop<MemoryTrimmer>(services);
        if (!string.IsNullOrEmpty(settings.StaticPodPath))
        {
            services.AddSingleton(new StaticPodSourceOptions
            {
                Path = settings.StaticPodPath,
                CheckFrequency = settings.FileCheckFrequency,
                NodeName = node.NodeName,
            });
            AddLoop<StaticPodSource>(services);
        }

        if (connected)
        {
            services.AddConnectedPods();
        }

        return services;
    }

    // A periodic loop is a singleton (others may ask it things, like the PLEG's health) and a hosted service.
    private static void AddLoop<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<T>());
    }
}
