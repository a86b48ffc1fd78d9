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

    // When recently finished workers ended. A runtime snapshot read before that moment may still show the pod
    // such a worker has just stopped and removed; housekeeping must not take it for an orphan and stop it again.
    private readonly ConcurrentDictionary<string, DateTimeOffset> finishedAt = new(StringComparer.Ordinal);

    // Raised (on the worker's loop) when a pod has been stopped: its containers and sandbox are down. Connected
    // mode answers a deleted pod's termination with the final DELETE here.
    public event Action<Pod>? PodTerminated;

    // Raised (on the worker's loop) when a pod's worker starts stopping it, before any container is killed:
    // the prober stops liveness and startup probes then, as upstream does at the start of SyncTerminatingPod.
    public event Action<Pod>? PodTerminating;

    public IReadOnlyCollection<PodWorker> Workers => (IReadOnlyCollection<PodWorker>)workers.Values;

    public bool Knows(string uid) => workers.ContainsKey(uid);

    public PodWorker? Get(string uid) => workers.GetValueOrDefault(uid);

    // True when the pod's worker finished at or after the given time (a snapshot observed then predates its end).
    public bool FinishedAtOrAfter(string uid, DateTimeOffset when) => finishedAt.TryGetValue(uid, out var at) && at >= when;

    // Forgets the ends that a snapshot observed at the given time already reflects.
    public void ForgetFinishedBefore(DateTimeOffset when)
    {
        foreach (var (uid, at) in finishedAt)
        {
            if (at < when)
            {
                finishedAt.TryRemove(KeyValuePair.Create(uid, at));
            }
        }
    }

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

    // Stops a pod that stays wanted (eviction) and waits until its containers are down, at most the timeout.
    // False when the pod has no worker or is already stopping.
    public async Task<bool> KillAsync(string uid, PodKill kill, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!workers.TryGetValue(uid, out var worker) || !worker.Kill(kill))
        {
            return false;
        }

        try
        {
            await worker.Terminated.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still stopping: the caller moves on, as upstream's eviction manager after its cleanup timeout.
        }

        return true;
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

    // Idempotent: the container disposes the pool once per registration (it is also IPodWorkerStates).
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers.Values.Select(w => w.Completion)).ConfigureAwait(false);
        stopping.Dispose();
    }

    private void Terminating(Pod pod) => PodTerminating?.Invoke(pod);

    private void Terminated(Pod pod) => PodTerminated?.Invoke(pod);

    // The end is recorded before the worker leaves the pool, so housekeeping never sees the pod unknown and
    // not yet finished.
    private void Finished(PodWorker worker)
    {
        finishedAt[worker.Uid] = time.GetUtcNow();
        workers.TryRemove(KeyValuePair.Create(worker.Uid, worker));
    }
}
