using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;

namespace Sharplet.Hosting;

// Builds the kubelet's API client from --kubeconfig with --kube-api-qps/--kube-api-burst. The node side of
// connected mode owns the shared client; until that lands, the pod side registers this one (with TryAdd, so a
// client registered earlier wins and this factory can simply be deleted).
internal static class ApiClientFactory
{
    public static KubeApiClient Create(SharpletSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        var path = settings.Kubeconfig ?? throw new InvalidOperationException("connected mode needs --kubeconfig");
        var options = new KubeClientOptions { Qps = settings.KubeApiQps, Burst = settings.KubeApiBurst };
        return new KubeApiClient(KubeconfigLoader.Load(path), options, time, loggers.CreateLogger<KubeApiClient>());
    }
}
