using Sharplet.Api;
using Sharplet.PodWorkers;

namespace Sharplet.Eviction;

// Evicts through the pod workers: the pod's own worker kills it and reports Failed/Evicted with upstream's
// DisruptionTarget condition (reason TerminationByKubelet).
internal sealed class WorkerPodEvictor(PodWorkerPool workers, EvictionOptions options) : IPodEvictor
{
    public IReadOnlyList<Pod> ActivePods() => workers.SyncingPods();

    public Task<bool> EvictAsync(Pod pod, long gracePeriodSeconds, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var condition = new PodCondition
        {
            Type = PodConditionType.DisruptionTarget,
            Status = "True",
            Reason = EvictionMessages.TerminationByKubelet,
            Message = message,
        };
        return workers.KillAsync(pod.Metadata!.Uid!, new PodKill(gracePeriodSeconds, EvictionMessages.Reason, message, condition), options.PodCleanupTimeout, cancellationToken);
    }
}
