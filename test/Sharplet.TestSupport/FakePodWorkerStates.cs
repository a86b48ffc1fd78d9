using System.Collections.Concurrent;
using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.TestSupport;

// The pod workers as the status writer, prober and admission see them, set by the test: a pod's worker state,
// and the Terminating/Terminated notifications raised when the test says its containers are stopping/down.
internal sealed class FakePodWorkerStates : IPodWorkerStates
{
    private readonly ConcurrentDictionary<string, (Pod Pod, PodWorkerState State)> workers = new(StringComparer.Ordinal);

    public event Action<Pod>? PodTerminating;

    public event Action<Pod>? PodTerminated;

    public PodWorkerState? StateOf(string uid) => workers.TryGetValue(uid, out var w) ? w.State : null;

    public IReadOnlyList<Pod> SyncingPods() => workers.Values.Where(w => w.State == PodWorkerState.Syncing).Select(w => w.Pod).ToList();

    public void Syncing(Pod pod) => workers[pod.Metadata!.Uid!] = (pod, PodWorkerState.Syncing);

    public void Terminating(Pod pod)
    {
        workers[pod.Metadata!.Uid!] = (pod, PodWorkerState.Terminating);
        PodTerminating?.Invoke(pod);
    }

    public void Terminated(Pod pod)
    {
        workers[pod.Metadata!.Uid!] = (pod, PodWorkerState.Terminated);
        PodTerminated?.Invoke(pod);
    }
}
