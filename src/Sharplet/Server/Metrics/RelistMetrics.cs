using Sharplet.KubeContainer;

namespace Sharplet.Server.Metrics;

// What upstream's PLEG relist records as it completes (pkg/kubelet/pleg/generic.go): its duration, the time
// the PLEG was last seen active (whole Unix seconds, as upstream sets it), and the runtime's pods with a
// running sandbox and containers by state (updateRunningPodAndContainerMetrics). Only this node's pods count:
// a runtime shared with another node's kubelet holds pods that are not ours.
internal static class RelistMetrics
{
    private static readonly (RuntimeContainerState State, string Label)[] States =
    [
        (RuntimeContainerState.Created, "created"),
        (RuntimeContainerState.Running, "running"),
        (RuntimeContainerState.Exited, "exited"),
        (RuntimeContainerState.Unknown, "unknown"),
    ];

    public static void Record(KubeletMetrics metrics, string nodeName, TimeSpan duration, RuntimeSnapshot snapshot)
    {
        metrics.PlegRelistDuration.Observe(duration.TotalSeconds);
        metrics.PlegLastSeen.Set(snapshot.ObservedAt.ToUnixTimeSeconds());
        var mine = snapshot.Pods.Values.Where(p => p.NodeName is null || p.NodeName == nodeName).ToList();
        metrics.RunningPods.Set(mine.Count(p => p.Sandboxes.Any(s => s.Ready)));

        // Every state set each relist (zero when none), so a state that empties does not keep its last count.
        var containers = mine.SelectMany(p => p.Containers).ToList();
        foreach (var (state, label) in States)
        {
            metrics.RunningContainers.Set(containers.Count(c => c.State == state), label);
        }
    }
}
