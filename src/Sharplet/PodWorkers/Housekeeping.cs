using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cm;
using Sharplet.Config;
using Sharplet.KubeRuntime;
using Sharplet.Pleg;
using Sharplet.Volumes;

namespace Sharplet.PodWorkers;

// Upstream's HandlePodCleanups, every period: pods the runtime runs that no source wants are stopped and removed;
// pod directories and cgroups nobody owns are cleaned (dead containers are ContainerGcLoop's). Nothing is killed until every source has
// reported once, so a restarting Sharplet never kills pods whose manifests it has not read yet.
internal sealed partial class Housekeeping(
    PodConfig config,
    GenericPleg pleg,
    PodWorkerPool workers,
    VolumeManager volumes,
    PodDirectories dirs,
    PodContainerManager cgroups,
    QosContainerManager qos,
    RestartBackoff backoff,
    HousekeepingOptions options,
    Pods.NodeContext node,
    TimeProvider time,
    ILogger<Housekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.Message);
            }
        }
    }

    internal Task RunOnceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!config.AllSourcesReady || pleg.Latest is not { } snapshot)
        {
            return Task.CompletedTask;
        }

        foreach (var (uid, pod) in snapshot.Pods)
        {
            if (pod.NodeName is { } owner && owner != node.NodeName)
            {
                continue;
            }

            if (!workers.Knows(uid))
            {
                // Its worker stopped and removed it after this snapshot was read: not an orphan, only old news.
                if (workers.FinishedAtOrAfter(uid, snapshot.ObservedAt))
                {
                    continue;
                }

                LogOrphan(logger, pod.Namespace, pod.Name, uid);
                workers.KillOrphan(pod);
            }
        }

        foreach (var uid in dirs.ExistingPodUids())
        {
            if (!workers.Knows(uid) && !snapshot.Pods.ContainsKey(uid))
            {
                foreach (var problem in volumes.TearDownPod(uid).Concat(cgroups.Destroy(uid)))
                {
                    LogCleanupProblem(logger, uid, problem);
                }
            }
        }

        workers.ForgetFinishedBefore(snapshot.ObservedAt);
        // Pod cgroups that held a process when their pod was cleaned up, and the QoS tiers' shares.
        cgroups.RetryPendingRemovals();
        qos.Reconcile();
        backoff.CollectGarbage();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping pod {Namespace}/{Pod} ({PodUid}): no source wants it any more")]
    private static partial void LogOrphan(ILogger logger, string? @namespace, string? pod, string? podUid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed (next period retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod UID {PodUid}: leftover not cleaned yet: {Problem}")]
    private static partial void LogCleanupProblem(ILogger logger, string podUid, string problem);
}
