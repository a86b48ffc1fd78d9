using System.Collections.Concurrent;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.KubeContainer;

namespace Sharplet.Pods;

// ConfigMaps and Secrets for env valueFrom/envFrom, read from the API with a short cache (upstream's
// TTL-based configMapManager/secretManager). A missing object is null (the environment builder turns that
// into CreateContainerConfigError); an API that cannot be reached serves the last copy it gave, and without
// one fails the container start the same way, naming the API error, as upstream does.
internal sealed class ApiObjectSource(KubeApiClient client, ApiObjectSourceOptions options, TimeProvider time) : IPodObjectSource
{
    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);

    public string? UnavailableReason => null;

    public Task<ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(KubeResources.ConfigMaps, "configmap", @namespace, name, cancellationToken);

    public Task<Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(KubeResources.Secrets, "secret", @namespace, name, cancellationToken);

    private async Task<T?> GetAsync<T>(KubeResource<T> resource, string kind, string @namespace, string name, CancellationToken cancellationToken)
        where T : class
    {
        var key = $"{kind}/{@namespace}/{name}";
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return (T?)hit.Value;
        }

        using var deadline = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var value = await client.GetAsync(resource, @namespace, name, linked.Token).ConfigureAwait(false);
            cache[key] = new Cached(value, now + options.Ttl);
            return value;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            cache[key] = new Cached(null, now + options.NotFoundTtl);
            return null;
        }
        catch (Exception ex) when (ex is KubeApiException or KubeConnectionException or TimeoutException
            || (ex is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            if (hit?.Value is T stale)
            {
                return stale;
            }

            throw new ContainerConfigException($"failed to get {kind} {@namespace}/{name}: {ex.Message}");
        }
    }

    private sealed record Cached(object? Value, DateTimeOffset Until);
}
