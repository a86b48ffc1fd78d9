namespace Sharplet.PodWorkers;

// Upstream's SyncPodType names, the operation_type label of kubelet_pod_worker_duration_seconds.
internal static class PodWorkOperation
{
    // The first sync of a pod the worker was created for.
    public const string Create = "create";

    // The first sync after the pod's config changed.
    public const string Update = "update";

    // Any other sync (PLEG event, probe result, requeue, periodic resync).
    public const string Sync = "sync";

    // Stopping the pod's containers and sandbox.
    public const string Kill = "kill";
}
