namespace Sharplet.PodWorkers;

// What the pod workers report to the kubelet's metrics, wired by the composition root so that PodWorkers does
// not depend on the server: each pass's operation and duration (kubelet_pod_worker_duration_seconds) and each
// pod's start latency (kubelet_pod_start_duration_seconds), at the moment they happen.
internal sealed class PodWorkObservers
{
    public static readonly PodWorkObservers None = new();

    public Action<string, TimeSpan> Work { get; init; } = static (_, _) => { };

    public Action<TimeSpan> Started { get; init; } = static _ => { };
}
