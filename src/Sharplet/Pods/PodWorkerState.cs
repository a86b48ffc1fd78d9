namespace Sharplet.Pods;

// A pod worker's life (upstream pod_workers.go):
//
//   Syncing ──(removed from config, deletion, or terminal phase)──> Terminating ──> Terminated ──(removed)──> gone
//
// Syncing runs the pod toward its spec. Terminating stops its containers and sandbox, once. Terminated keeps
// the final status while the pod is still wanted (a completed pod stays visible) and cleans up once it is not.
internal enum PodWorkerState
{
    Syncing,
    Terminating,
    Terminated,
}
