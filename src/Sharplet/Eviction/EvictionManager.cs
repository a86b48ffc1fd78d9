using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Events;
using Sharplet.Nodes;
using Sharplet.Pods;
using Sharplet.Server.Metrics;

namespace Sharplet.Eviction;

// Upstream's eviction manager loop: every monitoring period, measure the signals, update the met thresholds and
// the pressure conditions, and when a threshold drives eviction, first reclaim node-level resources (dead
// containers, unused images) for the disk signals, then evict at most one pod, ranked for the starved resource.
// After an eviction the next pass starts as soon as the pod is down. A signal without a figure never causes an
// eviction.
internal sealed partial class EvictionManager(
    ThresholdTracker tracker,
    EvictionOptions options,
    IEvictionStats stats,
    IPodEvictor evictor,
    INodeReclaimer reclaimer,
    IEventRecorder events,
    INodeEventRecorder nodeEvents,
    KubeletMetrics metrics,
    TimeProvider time,
    ILogger<EvictionManager> logger) : BackgroundService, INodePressure
{
    private IReadOnlyList<string> lastMissing = [];

    public PressureSignals Current
    {
        get
        {
            var conditions = tracker.Conditions;
            return new PressureSignals(
                conditions.Contains(EvictionSignals.MemoryPressure), conditions.Contains(EvictionSignals.DiskPressure), conditions.Contains(EvictionSignals.PidPressure));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Pod? evicted = null;
            try
            {
                evicted = await SynchronizeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.Message);
            }

            if (evicted is null)
            {
                await Task.Delay(options.MonitoringPeriod, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    // One pass; returns the evicted pod, if any.
    internal async Task<Pod?> SynchronizeAsync(CancellationToken cancellationToken)
    {
        // Upstream's order: the active pods, then the figures. A pod admitted while the figures are read is left to
        // the next pass; listed after the read it would have no figures, and a pod without figures ranks first.
        var active = evictor.ActivePods();
        if (await stats.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } reading)
        {
            return null;
        }

        // Upstream: a pod over its local storage limits is evicted before, and instead of, any threshold action
        // (with localStorageCapacityIsolation only).
        if (options.LocalStorageCapacityIsolation && await EvictOverLocalStorageLimitAsync(active, reading, cancellationToken).ConfigureAwait(false) is { } overLimit)
        {
            return overLimit;
        }

        if (tracker.Thresholds.Count == 0)
        {
            return null;
        }

        var decision = tracker.Observe(reading.Observations, time.GetUtcNow());
        if (!decision.MissingSignals.SequenceEqual(lastMissing))
        {
            lastMissing = decision.MissingSignals;
            if (lastMissing.Count > 0)
            {
                LogMissing(logger, lastMissing);
            }
        }

        if (decision.Acting.Count == 0)
        {
            return null;
        }

        var threshold = decision.Acting[0];
        var resource = EvictionSignals.ResourceOf(threshold.Signal)!;
        LogReclaiming(logger, resource, threshold.Signal);
        nodeEvents.Record(EventTypes.Warning, EvictionMessages.ThresholdMetEvent, $"Attempting to reclaim {resource}");
        if (await ReclaimNodeLevelAsync(threshold.Signal, reading.DedicatedImageFs, cancellationToken).ConfigureAwait(false))
        {
            LogReclaimedWithoutEviction(logger, resource);
            return null;
        }

        if (active.Count == 0)
        {
            LogNoPods(logger, threshold.Signal);
            return null;
        }

        var ranked = PodRanker.Rank(threshold.Signal, active, p => reading.Pods.GetValueOrDefault(p.Metadata?.Uid ?? string.Empty), reading.DedicatedImageFs);
        var now = time.GetUtcNow();
        foreach (var met in decision.Acting)
        {
            if (reading.Observations.TryGetValue(met.Signal, out var o))
            {
                metrics.EvictionStatsAge.Observe((now - o.Time).TotalSeconds, met.Signal);
            }
        }

        var observed = reading.Observations[threshold.Signal];
        foreach (var pod in ranked)
        {
            var usage = reading.Pods.GetValueOrDefault(pod.Metadata?.Uid ?? string.Empty);
            var message = EvictionMessages.Eviction(resource, pod, usage, threshold.Value.QuantityFor(observed.Capacity), observed.Available);
            var grace = threshold.IsHard ? 0 : options.MaxPodGracePeriodSeconds;
            if (await EvictAsync(pod, threshold.Signal, message, grace, cancellationToken).ConfigureAwait(false))
            {
                return pod;
            }
        }

        LogNothingEvicted(logger);
        return null;
    }

    // Upstream's localStorageEviction: every active pod over a limit is evicted at once, grace period zero; this
    // returns the last, so the next pass waits for it as after a threshold eviction.
    private async Task<Pod?> EvictOverLocalStorageLimitAsync(IReadOnlyList<Pod> active, EvictionStats reading, CancellationToken cancellationToken)
    {
        Pod? evicted = null;
        foreach (var pod in active)
        {
            if (!reading.Pods.TryGetValue(pod.Metadata?.Uid ?? string.Empty, out var usage)
                || LocalStorageLimits.Exceeded(pod, usage, reading.DedicatedImageFs) is not { } exceeded)
            {
                continue;
            }

            if (await EvictAsync(pod, exceeded.Signal, exceeded.Message, 0, cancellationToken).ConfigureAwait(false))
            {
                evicted = pod;
            }
        }

        return evicted;
    }

    // Upstream's evictPod: never a critical pod; the Evicted event, then the kill.
    private async Task<bool> EvictAsync(Pod pod, string signal, string message, long grace, CancellationToken cancellationToken)
    {
        var name = pod.Metadata?.Name;
        var ns = pod.Metadata?.Namespace;
        if (CriticalPods.IsCritical(pod))
        {
            LogCritical(logger, ns, name, pod.Metadata?.Uid);
            return false;
        }

        events.Record(pod, EventTypes.Warning, EvictionMessages.Reason, message);
        LogEvicting(logger, ns, name, pod.Metadata?.Uid, signal, message);
        if (!await evictor.EvictAsync(pod, grace, message, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        metrics.Evictions.Add(1, signal);
        return true;
    }

    // Upstream's signalToNodeReclaimFuncs: on one filesystem every disk signal frees dead containers and unused
    // images; with a dedicated image filesystem only the imagefs signals do (nodefs holds logs and volumes).
    // True when, measured again, no threshold is met any more (minimum reclaim included).
    private async Task<bool> ReclaimNodeLevelAsync(string signal, bool dedicatedImageFs, CancellationToken cancellationToken)
    {
        var disk = EvictionSignals.ConditionOf(signal) == EvictionSignals.DiskPressure;
        var imageFs = signal is EvictionSignals.ImageFsAvailable or EvictionSignals.ImageFsInodesFree or EvictionSignals.ContainerFsAvailable or EvictionSignals.ContainerFsInodesFree;
        if (!disk || (dedicatedImageFs && !imageFs))
        {
            return false;
        }

        foreach (var reclaim in new Func<CancellationToken, Task>[] { reclaimer.DeleteAllUnusedContainersAsync, reclaimer.DeleteUnusedImagesAsync })
        {
            try
            {
                await reclaim(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReclaimFailed(logger, signal, ex.Message);
            }
        }

        return await stats.ReadAsync(cancellationToken).ConfigureAwait(false) is { } after
            && !ThresholdTracker.Met(tracker.Thresholds, after.Observations, enforceMinReclaim: true).Any();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eviction manager: synchronize failed (next period retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Eviction manager: no observation for eviction signal(s) {Signals}; their thresholds cause no action")]
    private static partial void LogMissing(ILogger logger, IEnumerable<string> signals);

    [LoggerMessage(Level = LogLevel.Information, Message = "Eviction manager: attempting to reclaim {Resource} (threshold {Signal} met)")]
    private static partial void LogReclaiming(ILogger logger, string resource, string signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Eviction manager: able to reduce {Resource} pressure without evicting pods")]
    private static partial void LogReclaimedWithoutEviction(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eviction manager: reclaiming node-level resources for {Signal} failed: {Error}")]
    private static partial void LogReclaimFailed(ILogger logger, string signal, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eviction manager: threshold {Signal} met, but no pods are active to evict")]
    private static partial void LogNoPods(ILogger logger, string signal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): the eviction manager cannot evict a critical pod")]
    private static partial void LogCritical(ILogger logger, string? @namespace, string? pod, string? podUid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): the eviction manager evicts it for {Signal}: {Message}")]
    private static partial void LogEvicting(ILogger logger, string? @namespace, string? pod, string? podUid, string signal, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Eviction manager: unable to evict any pods from the node")]
    private static partial void LogNothingEvicted(ILogger logger);
}
