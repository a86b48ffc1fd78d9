using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;
using Sharplet.Volumes;

namespace Sharplet.Hosting;

// The volume plugins and what they read. Standalone, the API-backed sources answer with "no API server";
// connected mode replaces them (registered later, so the last registration wins).
internal static class VolumeServices
{
    public static IServiceCollection AddVolumes(this IServiceCollection services)
    {
        services.AddSingleton<IMountTable, HostMountTable>()
            .AddSingleton(sp => new AtomicWriter(sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<ProjectedFiles>()
            .AddSingleton<IVolumeObjectSource, NoApiVolumeObjectSource>()
            .AddSingleton<IServiceAccountTokenSource, NoApiTokenSource>()
            .AddSingleton<IPersistentVolumeSource, NoApiPersistentVolumeSource>()
            .AddSingleton(sp => new ObjectPayloads(sp.GetRequiredService<IVolumeObjectSource>()))
            .AddSingleton<HostPathPlugin>()
            .AddSingleton<IVolumePlugin, EmptyDirPlugin>()
            .AddSingleton<IVolumePlugin>(sp => sp.GetRequiredService<HostPathPlugin>())
            .AddSingleton<IVolumePlugin, ConfigMapPlugin>()
            .AddSingleton<IVolumePlugin, SecretPlugin>()
            .AddSingleton<IVolumePlugin, DownwardApiPlugin>()
            .AddSingleton<IVolumePlugin, ProjectedPlugin>()
            .AddSingleton<IVolumePlugin, PersistentVolumeClaimPlugin>()
            .AddSingleton<VolumeManager>();
        return services;
    }

    public static IServiceCollection AddConnectedVolumes(this IServiceCollection services)
    {
        services.AddSingleton(new WatchingObjectSourceOptions())
            .AddSingleton<IVolumeObjectSource>(sp => new WatchingObjectSource(
                sp.GetRequiredService<KubeApiClient>(), sp.GetRequiredService<WatchingObjectSourceOptions>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>()))
            .AddSingleton<ITokenRequestApi>(sp => new KubeTokenRequestApi(sp.GetRequiredService<KubeApiClient>()))
            .AddSingleton<IServiceAccountTokenSource>(sp => new ServiceAccountTokenManager(sp.GetRequiredService<ITokenRequestApi>(), sp.GetRequiredService<TimeProvider>()))
            .AddSingleton<IPersistentVolumeSource>(sp => new KubePersistentVolumeSource(sp.GetRequiredService<KubeApiClient>()));
        return services;
    }
}
