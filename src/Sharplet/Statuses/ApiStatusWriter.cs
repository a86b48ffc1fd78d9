using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;
using Sharplet.Util;

namespace Sharplet.Statuses;

// Upstream's status manager API side (syncPod, needsUpdate/needsReconcile, canBeDeleted): every status change
// of a pod that exists in the API is merged with what the API holds and PATCHed when it differs; a deleted
// pod whose containers are down gets the final DELETE (grace 0, UID precondition). Static pods write their
// status onto their mirror pod. One loop does all writes, always reading the newest status when it writes,
// so an older status can never land after a newer one; failures retry per pod with a capped backoff, and a
// periodic reconcile compares every pod again, which also sends every latest status after an API outage.
internal sealed partial class ApiStatusWriter : BackgroundService
{
    private const string AllPods = "";

    private readonly StatusManager statuses;
    private readonly IApiPodView api;
    private readonly IPodWorkerStates workers;
    private readonly IPodApi pods;
    private readonly ApiStatusWriterOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ApiStatusWriter> logger;
    private readonly ChannelReader<string> statusChanges;
    private readonly ChannelReader<ApiPodChange> apiChanges;

    // Pod UIDs to sync (AllPods: every known pod), coalesced per UID, failures retried with backoff.
    private readonly KeyedWorkQueue<string> work;

    // Statuses captured when a pod's containers went down: cleanup removes the StatusManager entry right after,
    // and the final status must still reach the API before the final DELETE.
    private readonly ConcurrentDictionary<string, PodStatusEntry> finals = new(StringComparer.Ordinal);

    // Only the write loop touches this.
    private readonly Dictionary<string, ApiStatusWriteState> states = new(StringComparer.Ordinal);

    public ApiStatusWriter(
        StatusManager statuses,
        IApiPodView api,
        IPodWorkerStates workers,
        IPodApi pods,
        ApiStatusWriterOptions options,
        TimeProvider time,
        ILogger<ApiStatusWriter> logger)
    {
        this.statuses = statuses;
        this.api = api;
        this.workers = workers;
        this.pods = pods;
        this.options = options;
        this.time = time;
        this.logger = logger;
        work = new KeyedWorkQueue<string>(new BackoffPolicy(options.RetryInitial, options.RetryMax), time, StringComparer.Ordinal);

        // Subscribed at construction, before any pod runs, so no change is missed.
        statusChanges = statuses.Subscribe();
        apiChanges = api.Subscribe();
        workers.PodTerminated += OnTerminated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feeders = Task.WhenAll(ForwardStatusChangesAsync(stoppingToken), ForwardApiChangesAsync(stoppingToken), ReconcileAsync(stoppingToken));
        try
        {
            while (true)
            {
                var uid = await work.TakeAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    if (uid == AllPods)
                    {
                        foreach (var known in states.Keys.Concat(statuses.All().Select(e => e.Pod.Metadata!.Uid!)).Concat(finals.Keys).ToList())
                        {
                            work.Add(known);
                        }

                        continue;
                    }

                    await SyncAsync(uid, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // One pod's odd status must not end the writer (and with it every pod's reporting); the
                    // periodic reconcile tries it again.
                    var meta = statuses.Get(uid)?.Pod.Metadata ?? states.GetValueOrDefault(uid)?.Last?.Pod.Metadata;
                    LogSyncFailed(logger, meta?.Namespace, meta?.Name, uid, ex.Message);
                }
                finally
                {
                    work.Done(uid);
                }
            }
        }
        finally
        {
            workers.PodTerminated -= OnTerminated;
            work.Dispose();

            await feeders.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void OnTerminated(Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        if (statuses.Get(uid) is { } entry)
        {
            finals[uid] = entry;
        }

        work.Add(uid);
    }

    private async Task ForwardStatusChangesAsync(CancellationToken stoppingToken)
    {
        await foreach (var uid in statusChanges.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            work.Add(uid);
        }
    }

    private async Task ForwardApiChangesAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in apiChanges.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // A mirror pod stands for the static pod whose UID (its config hash) it carries.
            var meta = change.Pod.Metadata;
            var uid = meta?.Annotations?.GetValueOrDefault(ConfigAnnotations.Mirror) ?? meta?.Uid;
            if (uid is { Length: > 0 })
            {
                work.Add(uid);
            }
        }
    }

    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconcilePeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            work.Add(AllPods);
        }
    }

    private async Task SyncAsync(string uid, CancellationToken stoppingToken)
    {
        states.TryGetValue(uid, out var state);
        var entry = Latest(statuses.Get(uid), finals.GetValueOrDefault(uid), state?.Last);
        if (entry is null)
        {
            Forget(uid);
            return;
        }

        state ??= states[uid] = new ApiStatusWriteState();
        state.Last = entry;
        var pod = entry.Pod;
        var isStatic = ConfigAnnotations.IsStatic(pod);
        var target = isStatic ? MirrorOf(pod) : api.Get(pod.Metadata!.Namespace, pod.Metadata.Name!) is { } p && p.Metadata?.Uid == uid ? p : null;
        if (target is null)
        {
            // An API pod gone from the API needs nothing more; a static pod waits for its mirror pod (whose
            // creation brings us back here) unless it is gone as well.
            if (!isStatic || statuses.Get(uid) is null)
            {
                Forget(uid);
            }

            return;
        }

        if (!await WriteStatusAsync(uid, state, entry, target, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        if (!isStatic && target.Metadata!.DeletionTimestamp is not null && !state.Deleted && ContainersDown(uid))
        {
            await DeleteAsync(uid, state, target, stoppingToken).ConfigureAwait(false);
        }
    }

    // True when the API holds our latest status (written now or already there).
    private async Task<bool> WriteStatusAsync(string uid, ApiStatusWriteState state, PodStatusEntry entry, Pod target, CancellationToken stoppingToken)
    {
        var meta = target.Metadata!;

        // This very version was written and nobody wrote after us: nothing to do, checked first because it is the
        // common case (the echo of our own patch, a reconcile tick) and costs no JSON work. It is also what makes
        // an older server, which drops the status fields it does not know, ever compare as written.
        var oursIsLast = meta.ResourceVersion == state.WrittenAs || meta.ResourceVersion == state.WrittenOver;
        if (state.SentVersion == entry.Version && oursIsLast)
        {
            return true;
        }

        // The informer may not have delivered our own last write yet: then what we wrote is the API's status.
        var apiStatus = state.Written is { } written && state.WrittenOver == meta.ResourceVersion ? written : target.Status;
        var merged = PodStatusMerge.Merge(apiStatus, entry.Status, CouldHaveRunningContainers(entry.Status));
        if (PodStatusMerge.Same(apiStatus, merged))
        {
            state.SentVersion = entry.Version;
            return true;
        }

        try
        {
            var patch = PodStatusMerge.Patch(meta.Uid!, apiStatus, merged);
            var result = await pods.PatchStatusAsync(meta.Namespace, meta.Name!, patch, stoppingToken).ConfigureAwait(false);
            state.Written = result.Status;
            state.WrittenOver = meta.ResourceVersion;
            state.WrittenAs = result.Metadata?.ResourceVersion;
            state.SentVersion = entry.Version;
            work.Forget(uid);
            LogWritten(logger, meta?.Namespace, meta?.Name, uid, merged.Phase, entry.Version);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            // Deleted, or the name now belongs to another pod (the UID in the patch did not match): the informer
            // brings the news; nothing to retry.
            LogTargetGone(logger, meta?.Namespace, meta?.Name, uid, ex.Message);
            return false;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            ScheduleRetry(uid, state, "status update", ex);
            return false;
        }
    }

    private async Task DeleteAsync(string uid, ApiStatusWriteState state, Pod target, CancellationToken stoppingToken)
    {
        var meta = target.Metadata!;
        var delete = new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = uid } };
        try
        {
            await pods.DeleteAsync(meta.Namespace, meta.Name!, delete, stoppingToken).ConfigureAwait(false);
            state.Deleted = true;
            LogDeleted(logger, meta?.Namespace, meta?.Name, uid);
        }
        catch (KubeApiException ex) when (ex.IsNotFound || ex.IsConflict)
        {
            state.Deleted = true;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            ScheduleRetry(uid, state, "final delete", ex);
        }
    }

    private void ScheduleRetry(string uid, ApiStatusWriteState state, string what, Exception ex)
    {
        var delay = work.AddRateLimited(uid);
        LogRetry(logger, what, state.Last?.Pod.Metadata?.Namespace, state.Last?.Pod.Metadata?.Name, uid, delay.TotalSeconds, ex.Message);
    }

    private void Forget(string uid)
    {
        states.Remove(uid);
        work.Remove(uid);

        finals.TryRemove(uid, out _);
    }

    // The API's mirror of a static pod: same name, and made from this very static pod (its config hash).
    private Pod? MirrorOf(Pod staticPod)
    {
        var mirror = api.Get(staticPod.Metadata!.Namespace, staticPod.Metadata.Name!);
        return mirror?.Metadata?.Annotations?.GetValueOrDefault(ConfigAnnotations.Mirror) == staticPod.Metadata.Uid
            && mirror!.Metadata!.DeletionTimestamp is null ? mirror : null;
    }

    // The pod's containers and sandbox are down: its worker reported termination, or it has no worker at all
    // (refused at admission, or finished and cleaned up).
    private bool ContainersDown(string uid) =>
        finals.ContainsKey(uid) || workers.StateOf(uid) is null or PodWorkerState.Terminated;

    private static bool CouldHaveRunningContainers(PodStatus status) =>
        (status.ContainerStatuses ?? []).Concat(status.InitContainerStatuses ?? []).Any(c => c.State?.Running is not null);

    private static PodStatusEntry? Latest(params PodStatusEntry?[] candidates) =>
        candidates.OfType<PodStatusEntry>().MaxBy(e => e.Version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): status {Phase} (version {Version}) written to the API")]
    private static partial void LogWritten(ILogger logger, string? @namespace, string? pod, string? podUid, string? phase, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): deleted from the API (containers are down)")]
    private static partial void LogDeleted(ILogger logger, string? @namespace, string? pod, string? podUid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): no longer in the API as this pod: {Error}")]
    private static partial void LogTargetGone(ILogger logger, string? @namespace, string? pod, string? podUid, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "pod {Namespace}/{Pod} ({PodUid}): status sync failed unexpectedly (the next reconcile retries): {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): {What} failed, retrying in {DelaySeconds:0.#}s: {Error}")]
    private static partial void LogRetry(ILogger logger, string what, string? @namespace, string? pod, string? podUid, double delaySeconds, string error);
}
