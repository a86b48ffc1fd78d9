using Sharplet.Api;

namespace Sharplet.Pods;

// The pod workers as the subsystems below them see them (upstream's pod-state provider: podWorkers answering
// the status manager, the prober and admission): read-only, so none of them can drive a worker. Work reaches
// the workers only through the sync loop's inputs (config changes, lifecycle events, probe result changes).
internal interface IPodWorkerStates
{
    // Raised (on the worker's loop) when a pod's worker starts stopping it, before any container is killed.
    event Action<Pod>? PodTerminating;

    // Raised (on the worker's loop) when a pod has been stopped: its containers and sandbox are down.
    event Action<Pod>? PodTerminated;

    // The state of the pod's worker, or null when no worker has the pod (never admitted, or cleaned up).
    PodWorkerState? StateOf(string uid);

    // The pods whose workers are running them toward their spec: what admission counts against the node.
    IReadOnlyList<Pod> SyncingPods();
}
