using Sharplet.Api;

namespace Sharplet.Pods;

internal sealed class NoApiObjectSource : IPodObjectSource
{
    public string? UnavailableReason => "Sharplet runs without an API server (no --kubeconfig), so ConfigMap and Secret references cannot be resolved";

    public Task<ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken) => Task.FromResult<ConfigMap?>(null);

    public Task<Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken) => Task.FromResult<Secret?>(null);
}
