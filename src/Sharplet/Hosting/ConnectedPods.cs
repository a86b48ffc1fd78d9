using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sharplet.Config;
using Sharplet.Events;
using Sharplet.MirrorPods;
using Sharplet.Pods;
using Sharplet.Statuses;

namespace Sharplet.Hosting;

// The pod side of connected mode (--kubeconfig): pods from the API, ConfigMaps, Secrets and Services from the API,
// statuses, mirror pods and events to the API. Registered after the standalone services, so the API-backed
// IPodObjectSource and IEventRecorder replace the standalone ones. The KubeApiClient they use is the one
// AddConnectedNode registers: one client, one rate limiter per process.
internal static class ConnectedPods
{
    public static IServiceCollection AddConnectedPods(this IServiceCollection services)
    {
        services.AddSingleton(new ApiObjectSourceOptions())
            .AddSingleton(new ApiStatusWriterOptions())
            .AddSingleton(new MirrorPodOptions())
            .AddSingleton(new PodApiOptions())
            .AddSingleton<IPodApi, KubePodApi>()
            .AddSingleton(new EventCorrelatorOptions())
            .AddSingleton(new ApiEventSinkOptions())
            .AddSingleton<EventCorrelator>()
            .AddSingleton<LogEventRecorder>()
            .AddSingleton<IPodObjectSource, ApiObjectSource>()
            .AddSingleton(new ServiceSourceOptions())
            .AddSingleton<IServiceSource>(sp => sp.GetRequiredService<ApiServiceSource>())
            .AddSingleton<IEventRecorder, ApiEventRecorder>()
            .AddSingleton<INodeEventRecorder, ApiNodeEventRecorder>();
        services.AddConnectedVolumes();
        AddLoop<ApiPodSource>(services);
        services.AddSingleton<IApiPodView>(sp => sp.GetRequiredService<ApiPodSource>());
        AddLoop<ApiServiceSource>(services);
        AddLoop<ApiStatusWriter>(services);
        AddLoop<MirrorPodReconciler>(services);
        AddLoop<ApiEventSink>(services);
        return services;
    }

    private static void AddLoop<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<T>());
    }
}
