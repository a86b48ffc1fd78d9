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
    // The key of a pass over every static pod and mirror; other keys are one pod's namespace/name.
    private const string AllPods = "";

    private readonly PodConfig config;
    private readonly IApiPodView api;
    private readonly IPodApi pods;
    private readonly NodeContext node;
    private readonly MirrorPodOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<MirrorPodReconciler> logger;
    private readonly ChannelReader<string> statusChanges;
    private readonly ChannelReader<ApiPodChange> apiChanges;

    // Passes coalesce into one queued AllPods. A refused action is retried for its pod (namespace/name) alone,
    // 1 s doubling to 5 min, and a pass skips a pod while it has failures, so one refused mirror pod is neither
    // resent on every status change nor in anyone's way; a success forgets the failures.
    private readonly KeyedWorkQueue<string> work;
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
        work = new KeyedWorkQueue<string>(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), time, StringComparer.Ordinal);
        statusChanges = statuses.Subscribe();
        apiChanges = api.Subscribe();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = time.CreateTimer(static s => ((MirrorPodReconciler)s!).work.Add(AllPods), this, options.ResyncPeriod, options.ResyncPeriod);
        var feeders = Task.WhenAll(ForwardAsync(statusChanges, stoppingToken), ForwardAsync(apiChanges, stoppingToken));
        try
        {
            await api.Synced.WaitAsync(stoppingToken).ConfigureAwait(false);
            work.Add(AllPods);
            while (true)
            {
                var key = await work.TakeAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await ReconcileAsync(key, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A pass that fails outside one pod's API call must not end mirror pods for the node.
                    LogPassFailed(logger, ex.Message);
                }
                finally
                {
                    work.Done(key);
                }
            }
        }
        finally
        {
            work.Dispose();
            await feeders.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ForwardAsync<T>(ChannelReader<T> reader, CancellationToken stoppingToken)
    {
        await foreach (var _ in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            work.Add(AllPods);
        }
    }

    // A pass (AllPods) acts for every pod not backing off; a pod's own key is its retry after a failure.
    private async Task ReconcileAsync(string key, CancellationToken stoppingToken)
    {
        var staticPods = config.Pods().Where(ConfigAnnotations.IsStatic);
        var mirrors = api.All().Where(MirrorPodPlan.IsMirror);
        if (key != AllPods)
        {
            staticPods = staticPods.Where(p => KeyOf(p) == key);
            mirrors = mirrors.Where(p => KeyOf(p) == key);
        }

        var actions = MirrorPodPlan.Compute(staticPods, mirrors, config.AllSourcesReady);
        if (key != AllPods && actions.Count == 0)
        {
            // Nothing left to do for it (its static pod went away, or someone else fixed it).
            work.Forget(key);
        }

        foreach (var action in actions)
        {
            var actionKey = KeyOf((action.Create ?? action.Delete)!);
            if (key == AllPods && work.Failures(actionKey) > 0)
            {
                continue;
            }

            await ActAsync(actionKey, action, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task ActAsync(string key, MirrorPodAction action, CancellationToken stoppingToken)
    {
        var meta = (action.Create ?? action.Delete)!.Metadata!;
        try
        {
            await DeleteAsync(action.Delete, action.Why, stoppingToken).ConfigureAwait(false);
            if (action.Create is { } staticPod)
            {
                await CreateAsync(staticPod, stoppingToken).ConfigureAwait(false);
            }

            work.Forget(key);
        }
        catch (KubeApiException ex)
        {
            // Refused for this pod only (403 from NodeRestriction, 422 for its name...): the others go on.
            var delay = work.AddRateLimited(key);
            LogRefused(logger, meta.Namespace, meta.Name, meta.Uid, delay.TotalSeconds, ex.Message);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            var delay = work.AddRateLimited(key);
            LogFailed(logger, meta.Namespace, meta.Name, meta.Uid, delay.TotalSeconds, ex.Message);
        }
    }

    private static string KeyOf(Pod pod) => $"{pod.Metadata!.Namespace}/{pod.Metadata.Name}";

    private async Task DeleteAsync(Pod? mirror, string why, CancellationToken stoppingToken)
    {
        if (mirror?.Metadata is not { } meta)
        {
            return;
        }

        var delete = new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = meta.Uid } };
        try
        {
            await pods.DeleteAsync(meta.Namespace, meta.Name!, delete, stoppingToken).ConfigureAwait(false);
            LogDeleted(logger, meta.Namespace, meta.Name, meta.Uid, why);
        }
        catch (KubeApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Already gone (or replaced, which the informer will show us).
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror pod {Namespace}/{Pod} ({PodUid}): API call failed (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogFailed(ILogger logger, string? @namespace, string? pod, string? podUid, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror pod pass failed (the next change or period retries): {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);
}
