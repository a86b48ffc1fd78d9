using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;

namespace Sharplet.Config;

// Upstream's apiserver pod source (pkg/kubelet/config/apiserver.go): list and watch the pods bound to this
// node (fieldSelector spec.nodeName=NODE) and report the whole set to PodConfig as source "api" after every
// change, so PodConfig's diff turns it into Add/Update/Remove. The source becomes ready with the first list.
// Mirror pods are the API's copies of our static pods: they are never run, only handed to whoever subscribes
// (the mirror reconciler, the status writer).
internal sealed partial class ApiPodSource(
    PodConfig config,
    KubeApiClient client,
    NodeContext node,
    TimeProvider time,
    ILogger<ApiPodSource> logger) : BackgroundService, IApiPodView
{
    public const string SourceName = ConfigAnnotations.ApiSource;

    private readonly Lock subscribersGate = new();
    private readonly Dictionary<string, Converted> converted = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InformerStore<Pod>> storeReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelWriter<ApiPodChange>[] subscribers = [];
    private InformerStore<Pod>? store;

    // Completes after the first list (tests and the mirror reconciler wait on it instead of polling).
    public Task Synced => storeReady.Task;

    // The API's current copy of a pod of this node (mirror pods included), or null.
    public Pod? Get(string? @namespace, string name) => Volatile.Read(ref store)?.Get(@namespace, name);

    public IReadOnlyList<Pod> All() => Volatile.Read(ref store)?.List() ?? [];

    // A new stream of every change the informer reports, in order, for one consumer.
    public ChannelReader<ApiPodChange> Subscribe()
    {
        var channel = Channel.CreateUnbounded<ApiPodChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (subscribersGate)
        {
            subscribers = [.. subscribers, channel.Writer];
        }

        return channel.Reader;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informer = new KubeInformer<Pod, PodList>(
            client,
            KubeLists.Pods,
            new InformerOptions { FieldSelector = $"spec.nodeName={node.NodeName}" },
            time,
            logger);
        Volatile.Write(ref store, informer.Store);
        var run = informer.RunAsync(stoppingToken);
        var synced = false;
        try
        {
            while (await informer.Events.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // A burst of events (a relist) costs one Set: drain first, then report the set once.
                while (informer.Events.TryRead(out var e))
                {
                    if (e.Type == InformerEventType.Synced)
                    {
                        synced = true;
                        storeReady.TrySetResult(informer.Store);
                        continue;
                    }

                    Forward(new ApiPodChange(e.Type, e.Object!));
                }

                if (synced)
                {
                    Report(informer.Store.List());
                }
            }
        }
        finally
        {
            storeReady.TrySetCanceled(CancellationToken.None);
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Forward(ApiPodChange change)
    {
        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            subscriber.TryWrite(change);
        }
    }

    private void Report(IReadOnlyList<Pod> apiPods)
    {
        var pods = new List<Pod>(apiPods.Count);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var apiPod in apiPods)
        {
            var meta = apiPod.Metadata;
            if (meta?.Uid is not { Length: > 0 } uid || ApiPodConverter.IsMirror(apiPod))
            {
                continue;
            }

            live.Add(uid);

            // Converting is a deep copy; status writes change the resourceVersion without changing anything
            // the kubelet runs, so a copy is reused until the object really changes.
            if (!converted.TryGetValue(uid, out var known) || known.ResourceVersion != meta.ResourceVersion)
            {
                var seen = known?.FirstSeen ?? time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
                try
                {
                    known = new Converted(meta.ResourceVersion, seen, ApiPodConverter.ToKubeletPod(apiPod, seen));
                }
#pragma warning disable CA1031 // One pod the node cannot read must not stop the node from running the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogUnreadable(logger, meta?.Namespace, meta?.Name, uid, ex);
                    if (known is null)
                    {
                        continue;
                    }
                }

                converted[uid] = known;
            }

            pods.Add(known.Pod);
        }

        foreach (var gone in converted.Keys.Where(uid => !live.Contains(uid)).ToList())
        {
            converted.Remove(gone);
        }

        LogReported(logger, pods.Count, apiPods.Count - pods.Count);
        config.Set(SourceName, pods);
    }

    private sealed record Converted(string? ResourceVersion, string FirstSeen, Pod Pod);

    [LoggerMessage(Level = LogLevel.Error, Message = "pod {Namespace}/{Pod} ({PodUid}) from the API cannot be run as it is; its last good version, if any, stays")]
    private static partial void LogUnreadable(ILogger logger, string? @namespace, string? pod, string? podUid, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "API pod source: {Pods} pods to run, {Mirrors} mirror pods")]
    private static partial void LogReported(ILogger logger, int pods, int mirrors);
}
