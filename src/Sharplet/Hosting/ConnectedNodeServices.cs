using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;
using Sharplet.KubeContainer;
using Sharplet.NodeLease;
using Sharplet.Nodes;
using Sharplet.Pods;
using Sharplet.Util;

namespace Sharplet.Hosting;

// The node side of connected mode (--kubeconfig): the process's one KubeApiClient (kubeAPIQPS/kubeAPIBurst),
// registration, the node status loop and the node lease. Kept apart from AddSharplet, which stays the
// standalone composition.
internal static class ConnectedNodeServices
{
    public static IServiceCollection AddConnectedNode(this IServiceCollection services, SharpletSettings settings, KubeConfig kubeconfig)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);

        // Upstream's heartbeat client timeout: the shorter of the status period and the lease duration.
        var leaseDuration = TimeSpan.FromSeconds(settings.NodeLeaseDurationSeconds);
        var heartbeatTimeout = settings.NodeStatusUpdateFrequency < leaseDuration ? settings.NodeStatusUpdateFrequency : leaseDuration;

        services
            .AddSingleton(sp => new KubeClientOptions
            {
                Qps = settings.KubeApiQps,
                Burst = settings.KubeApiBurst,
                UserAgent = $"sharplet/{KubeletVersion.Value} (linux/{sp.GetRequiredService<NodeFacts>().Architecture})",
            })
            .AddSingleton(sp => new KubeApiClient(
                kubeconfig, sp.GetRequiredService<KubeClientOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KubeApiClient>>(),
                sp.GetService<KubeletCertificates>()?.Client))
            .AddSingleton(sp => NodeDescription.From(
                settings.MaxPods, settings.KubeletPort, sp.GetRequiredService<NodeContext>(), sp.GetRequiredService<NodeFacts>(), sp.GetRequiredService<RuntimeIdentity>()))
            .AddSingleton(new NodeStatusOptions
            {
                RegisterNode = settings.RegisterNode,
                RegisterWithTaints = settings.RegisterWithTaints,
                UpdateFrequency = settings.NodeStatusUpdateFrequency,
                ReportFrequency = settings.NodeStatusReportFrequency,
                MaxImages = settings.NodeStatusMaxImages,
            })
            .AddSingleton(new RuntimeHealth(RuntimeHealth.DefaultSyncThreshold))
            .AddSingleton<INodeObserver, NodeObserver>()
            .AddSingleton<INodeApi>(sp => new KubeNodeApi(sp.GetRequiredService<KubeApiClient>(), heartbeatTimeout, sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<NodeRegistration>()
            .AddSingleton<ILeaseApi>(sp => new KubeLeaseApi(sp.GetRequiredService<KubeApiClient>(), heartbeatTimeout, sp.GetRequiredService<TimeProvider>()))
            .AddSingleton(sp => new NodeLeaseOptions(sp.GetRequiredService<NodeContext>().NodeName, settings.NodeLeaseDurationSeconds))
            .AddSingleton(sp => new NodeLeaseController(
                sp.GetRequiredService<ILeaseApi>(), sp.GetRequiredService<NodeLeaseOptions>(), sp.GetRequiredService<TimeProvider>(), Random.Shared,
                sp.GetRequiredService<ILogger<NodeLeaseController>>()))
            .AddSingleton<NodeStatusLoop>()
            .AddSingleton<IHostedService>(sp => sp.GetRequiredService<NodeStatusLoop>())
            .AddSingleton<IHostedService>(sp => sp.GetRequiredService<NodeLeaseController>());
        return services;
    }

    // Upstream's validation of the same fields: a zero or negative period would make a tight loop.
    private static void Validate(SharpletSettings settings)
    {
        if (settings.NodeStatusUpdateFrequency <= TimeSpan.Zero)
        {
            throw new ConfigException($"nodeStatusUpdateFrequency (--node-status-update-frequency) {settings.NodeStatusUpdateFrequency} must be greater than 0");
        }

        if (settings.NodeStatusReportFrequency <= TimeSpan.Zero)
        {
            throw new ConfigException($"nodeStatusReportFrequency {settings.NodeStatusReportFrequency} must be greater than 0");
        }

        if (settings.NodeLeaseDurationSeconds <= 0)
        {
            throw new ConfigException($"nodeLeaseDurationSeconds {settings.NodeLeaseDurationSeconds} must be greater than 0");
        }

        if (settings.KubeApiBurst < 0)
        {
            throw new ConfigException($"kubeAPIBurst (--kube-api-burst) {settings.KubeApiBurst} must not be a negative number");
        }
    }
}
