using Sharplet.Api;

namespace Sharplet.Statuses;

// One container's readiness applied to a pod's current status (upstream statusManager.SetContainerReadiness):
// its ready flag, then Ready and ContainersReady recomputed. Readiness changes show at once this way, even
// while the pod's worker is busy (terminating the pod, pulling an image for another container); the next full
// status computes the same from the same results cache.
internal static class ReadinessPatch
{
    // The patched status, or null when the container (by its "containerd://<id>") is not there or already
    // says so.
    public static PodStatus? Apply(Pod pod, PodStatus current, string containerId, bool ready, DateTimeOffset now)
    {
        var status = KubeJson.Deserialize<PodStatus>(KubeJson.Serialize(current), KubeJson.Lenient)!;
        var container = (status.ContainerStatuses ?? []).Concat(status.InitContainerStatuses ?? []).FirstOrDefault(c => c.ContainerID == containerId);
        if (container is null)
        {
            return null;
        }

        // Ready only while running and started, as the full status would have it.
        var value = ready && container.State?.Running is not null && container.Started != false;
        if (container.Ready == value)
        {
            return null;
        }

        container.Ready = value;
        var (readyCondition, containersReady) = PodStatusGenerator.ReadinessConditions(
            pod.Spec!, status.InitContainerStatuses ?? [], status.ContainerStatuses ?? [], status.Phase, current);
        PodStatusGenerator.StampTransitions([readyCondition, containersReady], current, now);
        var conditions = status.Conditions ?? [];
        foreach (var condition in new[] { readyCondition, containersReady })
        {
            var index = conditions.FindIndex(c => c.Type == condition.Type);
            if (index < 0)
            {
                conditions.Add(condition);
            }
            else
            {
                conditions[index] = condition;
            }
        }

        status.Conditions = conditions;
        return status;
    }
}
