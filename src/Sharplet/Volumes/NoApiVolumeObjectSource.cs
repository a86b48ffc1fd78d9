using Sharplet.Api;

namespace Sharplet.Volumes;

// Standalone mode: no API server to read ConfigMaps and Secrets from (upstream forbids static pods from
// referring to them, so this answers a pod that does with the reason).
internal sealed class NoApiVolumeObjectSource : IVolumeObjectSource
{
    public string? UnavailableReason => "Sharplet runs without an API server (no --kubeconfig), so ConfigMap and Secret volumes cannot be resolved";

    public Task<ConfigMap?> GetConfigMapAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) => Task.FromResult<ConfigMap?>(null);

    public Task<Secret?> GetSecretAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) => Task.FromResult<Secret?>(null);

    public void ReleasePod(string podUid)
    {
    }
}
