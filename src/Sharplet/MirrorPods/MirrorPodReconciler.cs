using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.KubeClient;
using Sharplet.Pods;
using Sharplet.Statuses;
using Sharplet.Util;

namespace Sharplet.MirrorPods;

// Keeps a mirror pod in the API for every static pod (upstream does this in syncPod and HandlePodCleanups;
// here it is one loop of its own, so a slow or absent API server never holds a pod worker). A pass runs when
// the static pods change (seen through their statuses: a static pod gets one as soon as it is synced, and
// loses it when removed), when a mirror pod changes in the API, and periodically.
internal sealed partial class MirrorPodReconciler : BackgroundService
{
    private readonly PodConfig config;
    private readonly IApiPodView api;
    private readonly IPodApi pods;
    private readonly NodeContext node;
    private readonly MirrorPodOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<MirrorPodReconciler> logger;
    private readonly ChannelReader<string> statusChanges;
    private readonly ChannelReader<ApiPodChange> apiChanges;
    private readonly Channel<bool> trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Per pod (namespace/name): a refused action waits before it is tried again, doubling from 1 s to 5 min, so
    // one refused mirror pod is neither resent on every status change nor in anyone's way.
    private readonly Backoff refused;
    private string? nodeUid;
    private bool reportedNoNode;
    private DateTimeOffset nodeMissingUntil;

    public MirrorPodReconciler(
        PodConfig config,
        IApiPodView api,
        StatusManager statuses,
        IPodApi pods,
        NodeContext node,
        MirrorPodOptions options,
        TimeProvider time,
        ILogger<MirrorPodReconciler> logger)
    {
        this.config = config;
        this.api = api;
        this.pods = pods;
        this.node = node;
        this.options = options;
        this.time = time;
        this.logger = logger;
        refused = new Backoff(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), time);
        statusChanges = statuses.Subscribe();
        apiChanges = api.Subscribe();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = time.CreateTimer(static s => ((MirrorPodReconciler)s!).Poke(), this, options.ResyncPeriod, options.ResyncPeriod);
        var feeders = Task.WhenAll(ForwardAsync(statusChanges, stoppingToken), ForwardAsync(apiChanges, stoppingToken));
        try
        {
            await api.Synced.WaitAsync(stoppingToken).ConfigureAwait(false);
            do
            {
                try
                {
                    await ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex.Message);
                }
            }
            while (await trigger.Reader.ReadAsync(stoppingToken).ConfigureAwait(false));
        }
        finally
        {
            await feeders.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Poke() => trigger.Writer.TryWrite(true);

    private async Task ForwardAsync<T>(ChannelReader<T> reader, CancellationToken stoppingToken)
    {
        await foreach (var _ in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            Poke();
        }
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        var staticPods = config.Pods().Where(ConfigAnnotations.IsStatic);
        var mirrors = api.All().Where(MirrorPodPlan.IsMirror);
        foreach (var action in MirrorPodPlan.Compute(staticPods, mirrors, config.AllSourcesReady))
        {
            var meta = (action.Create ?? action.Delete)!.Metadata!;
            var key = $"{meta.Namespace}/{meta.Name}";
            if (refused.IsInBackOffSinceUpdate(key))
            {
                continue;
            }

            try
            {
                if (action.Delete is { } stale && !await DeleteAsync(stale, action.Why, stoppingToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (action.Create is { } staticPod)
                {
                    await CreateAsync(staticPod, stoppingToken).ConfigureAwait(false);
                }

                refused.Reset(key);
            }
            catch (KubeApiException ex)
            {
                // Refused for this pod only (403 from NodeRestriction, 422 for its name...): the others go on.
                var delay = refused.Next(key);
                LogRefused(logger, meta.Namespace, meta.Name, meta.Uid, delay.TotalSeconds, ex.Message);
            }
        }
    }

    private async Task<bool> DeleteAsync(Pod mirror, string why, CancellationToken stoppingToken)
    {
        var meta = mirror.Metadata!;
        var delete = new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = meta.Uid } };
        try
        {
            await pods.DeleteAsync(meta.Namespace, meta.Name!, delete, stoppingToken).ConfigureAwait(false);
            LogDeleted(logger, meta.Namespace, meta.Name, meta.Uid, why);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Already gone (or replaced, which the informer will show us).
            return true;
        }
    }

    private async Task CreateAsync(Pod staticPod, CancellationToken stoppingToken)
    {
        if (await NodeUidAsync(stoppingToken).ConfigureAwait(false) is not { } uid)
        {
            return;
        }

        var mirror = MirrorPodFactory.Build(staticPod, node.NodeName, uid);
        var meta = mirror.Metadata!;
        try
        {
            await pods.CreateAsync(mirror, stoppingToken).ConfigureAwait(false);
            LogCreated(logger, meta.Namespace, meta.Name, staticPod.Metadata?.Uid);
        }
        catch (KubeApiException ex) when (ex.IsAlreadyExists)
        {
            // Made by an earlier pass the informer has not shown us yet; a stale one is handled when it shows.
        }
    }

    // The Node's UID for the owner reference. Upstream does not create mirror pods before its Node exists.
    private async Task<string?> NodeUidAsync(CancellationToken stoppingToken)
    {
        if (nodeUid is not null || time.GetUtcNow() < nodeMissingUntil)
        {
            return nodeUid;
        }

        try
        {
            var found = await pods.GetNodeAsync(node.NodeName, stoppingToken).ConfigureAwait(false);
            nodeUid = found.Metadata?.Uid;
            reportedNoNode = false;
            return nodeUid;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            // Asked again at the next period, not at every status change of every pod.
            nodeMissingUntil = time.GetUtcNow() + options.ResyncPeriod;
            if (!reportedNoNode)
            {
                LogNoNode(logger, node.NodeName);
                reportedNoNode = true;
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "mirror pod {Namespace}/{Pod} ({PodUid}) created")]
    private static partial void LogCreated(ILogger logger, string? @namespace, string? pod, string? podUid);

    [LoggerMessage(Level = LogLevel.Information, Message = "mirror pod {Namespace}/{Pod} ({PodUid}) deleted: {Why}")]
    private static partial void LogDeleted(ILogger logger, string? @namespace, string? pod, string? podUid, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror pods wait for Node {Node} to exist in the API (their owner)")]
    private static partial void LogNoNode(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror pod {Namespace}/{Pod} ({PodUid}) refused by the API (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogRefused(ILogger logger, string? @namespace, string? pod, string? podUid, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror pod pass failed (the next change or period retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
