using System.Globalization;
using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.PodWorkers;

// Upstream's kubelet_pod_start_duration_seconds, as SyncPod observes it: from the moment this kubelet first saw
// the pod (its kubernetes.io/config.seen annotation) to the sync whose status first shows it Running (init
// containers done, its containers started). A pod's status goes from Pending to Running once, so it is observed
// once per pod. A pod found already running after a restart (its containers started before this kubelet saw it)
// did not start now and is not observed: upstream observes any first status after a restart, which counts such
// an adoption as a start of a few milliseconds.
internal static class PodStartLatency
{
    public static TimeSpan? Measure(Pod pod, PodStatus? previous, PodStatus current, DateTimeOffset now)
    {
        if (current.Phase != PodPhase.Running || (previous is not null && previous.Phase != PodPhase.Pending) || FirstSeen(pod) is not { } seen)
        {
            return null;
        }

        if (previous is null && (current.ContainerStatuses ?? []).Any(c => c.State?.Running?.StartedAt < seen))
        {
            return null;
        }

        var latency = now - seen;
        return latency < TimeSpan.Zero ? TimeSpan.Zero : latency;
    }

    private static DateTimeOffset? FirstSeen(Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(ConfigAnnotations.Seen, out var text) == true
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seen)
            ? seen
            : null;
}
