using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.Pods;

namespace Sharplet.PodWorkers;

// One worker per pod UID (upstream podWorkers): the sync loop and housekeeping only call these methods; the
// workers do the rest. Workers remove themselves when their pod is cleaned up.
internal sealed class PodWorkerPool(PodSyncer syncer, SandboxConfigBuilder sandboxes, TimeProvider time, ILogger<PodWorker> logger) : IPodWorkerStates, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PodWorker> workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    // Raised (on the worker's loop) when a pod has been stopped: its containers and sandbox are down. Connected
    // mode answers a deleted pod's termination with the final DELETE here.
    public event Action<Pod>? PodTerminated;

    // Raised (on the worker's loop) when a pod's worker starts stopping it, before any container is killed:
    // the prober stops liveness and startup probes then, as upstream does at the start of SyncTerminatingPod.
    public event Action<Pod>? PodTerminating;

    public IReadOnlyCollection<PodWorker> Workers => (IReadOnlyCollection<PodWorker>)workers.Values;

    public bool Knows(string uid) => workers.ContainsKey(uid);

    public PodWorker? Get(string uid) => workers.GetValueOrDefault(uid);

    public PodWorkerState? StateOf(string uid) => workers.TryGetValue(uid, out var worker) ? worker.State : null;

    public IReadOnlyList<Pod> SyncingPods() => workers.Values.Where(w => w.State == PodWorkerState.Syncing).Select(w => w.Pod).OfType<Pod>().ToList();

    public void UpdatePod(Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        while (true)
        {
            if (workers.TryGetValue(uid, out var existing) && existing.Update(pod))
            {
                return;
            }

            var worker = new PodWorker(uid, pod, sandboxes.LogDirectory(pod), syncer, time, logger, Finished, Terminating, Terminated);
            if (existing is not null ? workers.TryUpdate(uid, worker, existing) : workers.TryAdd(uid, worker))
            {
                worker.Start(stopping.Token);
                return;
            }
        }
    }

    public void RemovePod(string uid, long? gracePeriod = null)
    {
        if (workers.TryGetValue(uid, out var worker))
        {
            worker.Remove(gracePeriod);
        }
    }

    public void SyncPod(string uid)
    {
        if (workers.TryGetValue(uid, out var worker))
        {
            worker.Wake();
        }
    }

    // A pod the runtime runs but no source wants (its manifest went away while Sharplet was down, or a
    // previous kubelet left it): stop and remove it with the grace period its containers carry.
    public void KillOrphan(RuntimePodSummary orphan)
    {
        var logDirectory = orphan.Namespace.Length > 0 && orphan.Name.Length > 0 ? sandboxes.LogDirectory(orphan.Namespace, orphan.Name, orphan.Uid) : null;
        var worker = new PodWorker(orphan.Uid, null, logDirectory, syncer, time, logger, Finished, Terminating, Terminated);
        if (workers.TryAdd(orphan.Uid, worker))
        {
            worker.Remove(null);
            worker.Start(stopping.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IPodWorkerStates, so the container disposes it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers.Values.Select(w => w.Completion)).ConfigureAwait(false);
        stopping.Dispose();
    }

    private void Terminating(Pod pod) => PodTerminating?.Invoke(pod);

    private void Terminated(Pod pod) => PodTerminated?.Invoke(pod);

    private void Finished(PodWorker worker) => workers.TryRemove(KeyValuePair.Create(worker.Uid, worker));
}
