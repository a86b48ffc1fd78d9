using Sharplet.Api;

namespace Sharplet.PodWorkers;

// Upstream's TerminatePodOptions for a pod the kubelet itself stops while the pod still exists (eviction): the
// grace period to kill with, and the terminal status to report (phase Failed with this reason and message,
// plus the condition, e.g. DisruptionTarget).
internal sealed record PodKill(long GracePeriodSeconds, string Reason, string Message, PodCondition? Condition)
{
    public PodStatus Apply(PodStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        status.Phase = PodPhase.Failed;
        status.Reason = Reason;
        status.Message = Message;
        if (Condition is { } condition)
        {
            var conditions = (status.Conditions ?? []).Where(c => c.Type != condition.Type).ToList();
            conditions.Add(new PodCondition
            {
                Type = condition.Type,
                Status = condition.Status,
                Reason = condition.Reason,
                Message = condition.Message,
                LastTransitionTime = condition.LastTransitionTime ?? now,
            });
            status.Conditions = conditions;
        }

        return status;
    }
}
