using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Admission;
using Sharplet.Config;
using Sharplet.Pleg;
using Sharplet.ProbeResults;

namespace Sharplet.PodWorkers;

// Upstream's syncLoop, and nothing more than a dispatcher: config changes, lifecycle events and changed probe
// verdicts go to the pod workers; admission decides whether an added pod may run at all.
internal sealed partial class SyncLoop(
    PodConfig config,
    PlegEvents pleg,
    IProbeResults probes,
    PodWorkerPool workers,
    IPodAdmission admission,
    Statuses.StatusManager statuses,
    ILogger<SyncLoop> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(DispatchConfigAsync(stoppingToken), DispatchLifecycleEventsAsync(stoppingToken), DispatchProbeUpdatesAsync(stoppingToken));

    private async Task DispatchConfigAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in config.Changes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var pod = change.Pod;
            LogChange(logger, change.Operation, change.Source, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid);
            try
            {
                Dispatch(change);
            }
#pragma warning disable CA1031 // As upstream's HandleCrash: one pod's failure is logged; the loop serves every other pod.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogDispatchFailed(logger, change.Operation, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, ex);
            }
        }
    }

    private void Dispatch(PodChange change)
    {
        var pod = change.Pod;
        switch (change.Operation)
        {
            case PodOperation.Add when !workers.Knows(pod.Metadata!.Uid!):
                if (admission.Admit(pod, workers))
                {
                    workers.UpdatePod(pod);
                }

                break;
            case PodOperation.Update when !workers.Knows(pod.Metadata!.Uid!) && statuses.Get(pod.Metadata.Uid!)?.Status.Phase == Api.PodPhase.Failed:
                // Refused at admission: a refused pod is terminal (upstream's rejected pods stay rejected),
                // so a later edit (a label, its deletion in the API) must not start it.
                break;
            case PodOperation.Add:
            case PodOperation.Update:
                workers.UpdatePod(pod);
                break;
            case PodOperation.Remove when workers.Knows(pod.Metadata!.Uid!):
                workers.RemovePod(pod.Metadata.Uid!, pod.Metadata.DeletionGracePeriodSeconds);
                break;
            case PodOperation.Remove:
                // Never admitted (refused): only its status is left.
                statuses.Remove(pod.Metadata.Uid!);
                break;
            default:
                break;
        }
    }

    private async Task DispatchLifecycleEventsAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in pleg.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            workers.SyncPod(e.PodUid);
        }
    }

    // Upstream's handleProbeSync: a changed verdict syncs the pod (a failed liveness probe restarts the container).
    private async Task DispatchProbeUpdatesAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in probes.Updates.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            workers.SyncPod(update.PodUid);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} of pod {Namespace}/{Pod} ({PodUid}) failed; other pods are not affected")]
    private static partial void LogDispatchFailed(ILogger logger, PodOperation operation, string? @namespace, string? pod, string? podUid, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} pod {Namespace}/{Pod} ({PodUid}) from {Source}")]
    private static partial void LogChange(ILogger logger, PodOperation operation, string source, string? @namespace, string? pod, string? podUid);
}
