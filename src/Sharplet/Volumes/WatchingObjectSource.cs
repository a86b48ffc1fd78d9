using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Volumes;

// ConfigMaps and Secrets for volumes with upstream's default change detection (configMapAndSecretChangeDetection
// Strategy: Watch): each object some pod refers to gets its own list+watch, narrowed by fieldSelector
// metadata.name, which is also the only list/watch the Node authorizer grants a node (objects referenced by
// its pods). Reads answer from the watch's store once it has synced, so an idle node sends no request per
// pod or per sync; before that, a direct GET answers (and names a refusal precisely). A watch stops when the
// last pod that referred to its object is released.
internal sealed class WatchingObjectSource(KubeApiClient client, WatchingObjectSourceOptions options, TimeProvider time, ILoggerFactory loggers)
    : IVolumeObjectSource, IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IObjectWatch> watches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> keysByPod = new(StringComparer.Ordinal);
    private readonly ILogger logger = loggers.CreateLogger("Sharplet.Volumes.ObjectWatch");

    private interface IObjectWatch : IDisposable
    {
        HashSet<string> Pods { get; }
    }

    public string? UnavailableReason => null;

    // How many objects are watched now (for tests and diagnostics).
    public int WatchCount
    {
        get
        {
            lock (gate)
            {
                return watches.Count;
            }
        }
    }

    public Task<ConfigMap?> GetConfigMapAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(KubeLists.ConfigMaps, "configmap", podUid, @namespace, name, cancellationToken);

    public Task<Secret?> GetSecretAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(KubeLists.Secrets, "secret", podUid, @namespace, name, cancellationToken);

    public void ReleasePod(string podUid)
    {
        List<IObjectWatch> stopped = [];
        lock (gate)
        {
            if (!keysByPod.Remove(podUid, out var keys))
            {
                return;
            }

            foreach (var key in keys)
            {
                if (watches.TryGetValue(key, out var watch) && watch.Pods.Remove(podUid) && watch.Pods.Count == 0)
                {
                    watches.Remove(key);
                    stopped.Add(watch);
                }
            }
        }

        stopped.ForEach(w => w.Dispose());
    }

    public void Dispose()
    {
        List<IObjectWatch> all;
        lock (gate)
        {
            all = [.. watches.Values];
            watches.Clear();
            keysByPod.Clear();
        }

        all.ForEach(w => w.Dispose());
    }

    private async Task<T?> GetAsync<T, TList>(KubeListResource<T, TList> resource, string kind, string podUid, string ns, string name, CancellationToken cancellationToken)
        where T : class
        where TList : class
    {
        var watch = Retain(resource, kind, podUid, ns, name);
        if (watch.Informer.Synced.IsCompletedSuccessfully)
        {
            return watch.Informer.Store.Get(ns, name);
        }

        using var deadline = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await client.GetAsync(resource.Item, ns, name, linked.Token).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is KubeApiException or KubeConnectionException or TimeoutException
            || (ex is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw new VolumeObjectException($"failed to get {kind} {ns}/{name}: {ex.Message}", ex);
        }
    }

    private ObjectWatch<T, TList> Retain<T, TList>(KubeListResource<T, TList> resource, string kind, string podUid, string ns, string name)
        where T : class
        where TList : class
    {
        var key = $"{kind}/{ns}/{name}";
        lock (gate)
        {
            if (!watches.TryGetValue(key, out var watch))
            {
                var informerOptions = new InformerOptions { Namespace = ns, FieldSelector = $"metadata.name={name}" };
                watch = new ObjectWatch<T, TList>(new KubeInformer<T, TList>(client, resource, informerOptions, time, logger));
                watches[key] = watch;
            }

            watch.Pods.Add(podUid);
            if (!keysByPod.TryGetValue(podUid, out var keys))
            {
                keysByPod[podUid] = keys = new HashSet<string>(StringComparer.Ordinal);
            }

            keys.Add(key);
            return (ObjectWatch<T, TList>)watch;
        }
    }

    // One object's informer, run until disposed. Its events are drained (the store is what reads use): the
    // informer's channel is unbounded and would otherwise keep every change.
    private sealed class ObjectWatch<T, TList> : IObjectWatch
        where T : class
        where TList : class
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task running;

        public ObjectWatch(KubeInformer<T, TList> informer)
        {
            Informer = informer;
            running = Task.Run(() => RunAsync(stop.Token));
        }

        public KubeInformer<T, TList> Informer { get; }

        public HashSet<string> Pods { get; } = new(StringComparer.Ordinal);

        public void Dispose()
        {
            // Disposed only once the run has ended: the informer may still be reading the token.
            stop.Cancel();
            running.ContinueWith(_ => stop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                var run = Informer.RunAsync(cancellationToken);
                await foreach (var unused in Informer.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    _ = unused;
                }

                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
