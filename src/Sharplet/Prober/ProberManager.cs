using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.ProbeResults;
using Sharplet.Statuses;

namespace Sharplet.Prober;

// Keeps one worker per probe of every pod the node runs (upstream prober.Manager), following the status
// manager: a pod's workers are made the first time its status appears (upstream AddPod: once per pod, so a
// worker that ended because its container will not run again is not brought back) and stopped when its status
// goes away. Regular containers and sidecars (restartable init containers) are probed.
//
// A changed verdict is written to the results cache by the worker and announced on the cache's change stream,
// which the sync loop turns into a sync of the pod, so the restart or the status change follows at once; a readiness change also patches the status right away, which
// is the only way it shows while the pod's worker is busy terminating the pod. When a pod starts terminating,
// its liveness and startup probes stop (a restart now would fight the shutdown); readiness goes on.
internal sealed partial class ProberManager(
    StatusManager statuses,
    IPodWorkerStates pods,
    IContainerProber prober,
    ProbeResultsCache results,
    ProbeCounters counters,
    ProberOptions options,
    TimeProvider time,
    ILogger<ProberManager> logger) : BackgroundService
{
    private readonly Dictionary<ProbeKey, ProbeWorker> workers = [];
    private readonly HashSet<string> added = new(StringComparer.Ordinal);
    private readonly HashSet<string> terminating = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private ProbeWorkerContext? context;
    private DateTimeOffset startedAt;
    private CancellationToken stopping;

    public int WorkerCount
    {
        get
        {
            lock (gate)
            {
                return workers.Count;
            }
        }
    }

    // The delay before a worker's first run: after a (re)start of Sharplet every pod's probes would otherwise
    // fire together, so while Sharplet is younger than one period a worker waits a random part of its period
    // (upstream does exactly this; later workers start at once).
    internal static TimeSpan FirstRunDelay(TimeSpan period, TimeSpan sinceStart, double random) =>
        period > sinceStart ? TimeSpan.FromTicks((long)(random * period.Ticks)) : TimeSpan.Zero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // All of this runs before the first await, inside StartAsync: no status change can slip in between.
        stopping = stoppingToken;
        startedAt = time.GetUtcNow();
        context = new ProbeWorkerContext(statuses.Get, prober, results, counters, OnResultChanged, time, logger);
        var changes = statuses.Subscribe();
        pods.PodTerminating += OnPodTerminating;
        try
        {
            foreach (var entry in statuses.All())
            {
                Reconcile(entry.Pod.Metadata!.Uid!);
            }

            await foreach (var uid in changes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Reconcile(uid);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            pods.PodTerminating -= OnPodTerminating;
            List<ProbeWorker> all;
            lock (gate)
            {
                all = [.. workers.Values];
            }

            all.ForEach(w => w.Stop());
            await Task.WhenAll(all.Select(w => w.Completion)).ConfigureAwait(false);
        }
    }

    private void Reconcile(string uid)
    {
        var entry = statuses.Get(uid);
        lock (gate)
        {
            if (entry is null)
            {
                added.Remove(uid);
                terminating.Remove(uid);
                StopWorkers(uid, ProbeKind.Liveness, ProbeKind.Readiness, ProbeKind.Startup);
                return;
            }

            if (added.Add(uid) && entry.Status.Phase is not (PodPhase.Succeeded or PodPhase.Failed))
            {
                AddWorkers(entry.Pod);
            }
        }

        TriggerReadiness(entry);
    }

    private void AddWorkers(Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        var sidecars = (pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == ContainerRestartPolicy.Always).Select(c => (Container: c, Sidecar: true));
        foreach (var (container, sidecar) in (pod.Spec?.Containers ?? []).Select(c => (Container: c, Sidecar: false)).Concat(sidecars))
        {
            foreach (var (kind, probe) in new[] { (ProbeKind.Startup, container.StartupProbe), (ProbeKind.Readiness, container.ReadinessProbe), (ProbeKind.Liveness, container.LivenessProbe) })
            {
                if (probe is null || (kind != ProbeKind.Readiness && terminating.Contains(uid)))
                {
                    continue;
                }

                var key = new ProbeKey(uid, container.Name, kind);
                var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
                var delay = FirstRunDelay(period, time.GetUtcNow() - startedAt, options.Random());
                var worker = new ProbeWorker(key, pod, container, probe, sidecar, delay, context!, Exited);
                workers[key] = worker;
                LogWorkerStarted(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, uid, container.Name, kind);
                worker.Start(stopping);
            }
        }
    }

    // A container that started but is not ready gets its readiness probe run now rather than a period later
    // (upstream UpdatePodStatus triggers it the same way): readiness follows startup without delay.
    private void TriggerReadiness(PodStatusEntry entry)
    {
        var uid = entry.Pod.Metadata!.Uid!;
        foreach (var status in (entry.Status.ContainerStatuses ?? []).Concat(entry.Status.InitContainerStatuses ?? []))
        {
            if (status.State?.Running is null || status.Started != true || status.Ready)
            {
                continue;
            }

            ProbeWorker? worker;
            lock (gate)
            {
                workers.TryGetValue(new ProbeKey(uid, status.Name, ProbeKind.Readiness), out worker);
            }

            worker?.Trigger();
        }
    }

    private void OnPodTerminating(Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        lock (gate)
        {
            terminating.Add(uid);
            StopWorkers(uid, ProbeKind.Liveness, ProbeKind.Startup);
        }
    }

    private void OnResultChanged(ProbeKey key, string containerId, ProbeResult result)
    {
        if (key.Kind == ProbeKind.Readiness)
        {
            statuses.SetContainerReadiness(key.PodUid, containerId, result == ProbeResult.Success, time.GetUtcNow());
        }

        results.Announce(new ProbeResultUpdate(key.PodUid, containerId, key.Kind, result));
    }

    // Called with the gate held.
    private void StopWorkers(string uid, params ProbeKind[] kinds)
    {
        foreach (var worker in workers.Values.Where(w => w.Key.PodUid == uid && kinds.Contains(w.Key.Kind)))
        {
            worker.Stop();
        }
    }

    private void Exited(ProbeWorker worker)
    {
        lock (gate)
        {
            if (workers.TryGetValue(worker.Key, out var current) && current == worker)
            {
                workers.Remove(worker.Key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): {Kind} probe of container {Container} started")]
    private static partial void LogWorkerStarted(ILogger logger, string? @namespace, string? pod, string? podUid, string container, ProbeKind kind);
}
