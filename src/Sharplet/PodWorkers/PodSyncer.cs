using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Events;
using Sharplet.Images;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.Pods;
using Sharplet.ProbeResults;
using Sharplet.Statuses;
using Sharplet.Volumes;

namespace Sharplet.PodWorkers;

// One pass over one pod (upstream's SyncPod, SyncTerminatingPod, SyncTerminatedPod), called only by that pod's
// worker: read the runtime, decide, report the status, act, and report again if anything changed, so that a
// started container shows as Running without waiting for the next relist.
internal sealed class PodSyncer(
    RuntimePodReader reader,
    PodExecutor executor,
    VolumeManager volumes,
    RestartBackoff backoff,
    ReasonCache reasons,
    ImageManager images,
    StatusManager statuses,
    IProbeResults probes,
    TerminationMessageReader messages,
    IEventRecorder events,
    PodContainerManager cgroups,
    NodeContext node,
    RuntimeIdentity runtimeIdentity,
    PodSyncOptions options,
    PodWorkObservers observers,
    TimeProvider time)
{
    // The operation is the PodWorkOperation the worker names this pass (create, update or sync).
    public async Task<SyncOutcome> SyncAsync(Pod pod, string operation, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await SyncCoreAsync(pod, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            observers.Work(operation, time.GetElapsedTime(started));
        }
    }

    private async Task<SyncOutcome> SyncCoreAsync(Pod pod, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata!.Uid!;
        var runtime = await reader.ReadPodAsync(uid, cancellationToken).ConfigureAwait(false);
        var actions = PodActionsComputer.Compute(pod, runtime, probes, backoff);
        foreach (var wait in actions.Backoffs)
        {
            var message = $"back-off {Format(wait.Delay)} restarting failed container={wait.Name} pod={PodFormat.Describe(pod)}";
            reasons.Set(uid, wait.Name, StartReasons.CrashLoopBackOff, message);
            // About the container, as upstream records it, so the event names the container's field path.
            events.Record(pod, EventTypes.Warning, EventReasons.BackOff, $"Back-off restarting failed container {wait.Name} in pod {PodFormat.Describe(pod)}",
                ContainerFieldPath.Of(pod, wait.Name));
        }

        Report(pod, runtime, actions.PodDone);
        if (actions.PodDone)
        {
            return SyncOutcome.Done;
        }

        // Every pass, not only when something starts: a pod adopted after a restart is counted in its QoS tier
        // again, and a pod cgroup removed behind our back comes back before the next container start.
        var starting = actions.CreateSandbox || actions.ContainersToStart.Count > 0;
        if (!PodCgroupReady(pod, starting) && starting)
        {
            return SyncOutcome.After(options.ErrorRequeue);
        }

        // Containers to start need every volume; a running pod's configMap, secret, downwardAPI and projected
        // volumes are set up again on each sync so they follow their sources (a failure there is reported and
        // the running containers keep the content they have).
        IReadOnlyDictionary<string, MountedVolume> mounted = new Dictionary<string, MountedVolume>();
        var startsContainers = actions.ContainersToStart.Count > 0;
        try
        {
            mounted = await volumes.SetUpPodVolumesAsync(pod, cancellationToken, remountOnly: !startsContainers).ConfigureAwait(false);
        }
        catch (PodVolumesException ex)
        {
            foreach (var failure in ex.Failures)
            {
                events.Record(pod, EventTypes.Warning, EventReasons.FailedMount, $"MountVolume.SetUp failed for {failure.Message}");
            }

            if (startsContainers)
            {
                return SyncOutcome.After(options.ErrorRequeue);
            }
        }

        var execution = await executor.ExecuteAsync(pod, runtime, actions, mounted, cancellationToken).ConfigureAwait(false);
        if (execution.Changed)
        {
            runtime = execution.Touched is { } touched
                ? await reader.ReadAfterStartAsync(runtime, touched.SandboxId, touched.SandboxCreated, touched.ContainerIds, cancellationToken).ConfigureAwait(false)
                : await reader.ReadPodAsync(uid, cancellationToken).ConfigureAwait(false);
            Report(pod, runtime, terminal: false);
        }

        if (execution.SandboxError is not null)
        {
            return SyncOutcome.After(options.ErrorRequeue);
        }

        return SyncOutcome.After(NextLook(pod, actions));
    }

    // Stops the pod (containers, then sandbox) and reports its final status.
    public async Task TerminateAsync(Pod pod, long? gracePeriodOverride, bool terminal, PodKill? kill, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var uid = pod.Metadata!.Uid!;
            var runtime = await reader.ReadPodAsync(uid, cancellationToken).ConfigureAwait(false);
            if (kill is not null)
            {
                // Reported before the kill, as upstream's status function: the pod is Failed/Evicted from the moment
                // its containers start stopping, so nothing restarts them.
                Report(pod, runtime, terminal, kill);
            }

            await executor.KillPodAsync(pod, runtime, gracePeriodOverride, cancellationToken).ConfigureAwait(false);
            runtime = await reader.ReadPodAsync(uid, cancellationToken).ConfigureAwait(false);
            Report(pod, runtime, terminal, kill);
        }
        finally
        {
            observers.Work(PodWorkOperation.Kill, time.GetElapsedTime(started));
        }
    }

    // Removes everything the pod left: runtime records, volumes and directories, cgroups, logs, caches. Returns
    // what could not be removed yet (retried by housekeeping).
    public async Task<IReadOnlyList<string>> CleanupAsync(string uid, string? logDirectory, CancellationToken cancellationToken)
    {
        var runtime = await reader.ReadPodAsync(uid, cancellationToken).ConfigureAwait(false);
        if (runtime.Running.Any() || runtime.Sandboxes.Any(s => s.Ready))
        {
            await executor.KillPodAsync(null, runtime, null, cancellationToken).ConfigureAwait(false);
        }

        await executor.RemovePodAsync(runtime, cancellationToken).ConfigureAwait(false);
        messages.Forget(runtime.Containers.Select(c => c.Id));
        var problems = new List<string>(volumes.TearDownPod(uid));
        problems.AddRange(cgroups.Destroy(uid));
        if (logDirectory is not null && Directory.Exists(logDirectory))
        {
            Directory.Delete(logDirectory, recursive: true);
        }

        reasons.ForgetPod(uid);
        backoff.ForgetPod(uid);
        images.ForgetPod(uid);
        statuses.Remove(uid);
        return problems;
    }

    // Upstream SyncPod: the pod's cgroup (with its limits) exists before its sandbox or a container starts;
    // failing that, nothing starts and the event says why (the pod stays Pending and is retried).
    private bool PodCgroupReady(Pod pod, bool report)
    {
        try
        {
            cgroups.EnsureExists(pod, QosClass.Of(pod.Spec!));
            return true;
        }
        catch (CgroupException ex) when (report)
        {
            events.Record(pod, EventTypes.Warning, EventReasons.FailedCreatePodContainer, $"unable to ensure pod container exists: {ex.Message}");
            return false;
        }
        catch (CgroupException)
        {
            // Nothing starts in this pass; the pass that starts something reports it.
            return false;
        }
    }

    private void Report(Pod pod, RuntimePodStatus runtime, bool terminal, PodKill? kill = null)
    {
        var uid = pod.Metadata!.Uid!;
        var now = time.GetUtcNow();
        var previous = statuses.Get(uid)?.Status;
        var input = new PodStatusInput(pod, runtime, probes, reasons, messages.For(uid), previous, node,
            runtimeIdentity.Name, terminal, now);
        var status = PodStatusGenerator.Generate(input);
        if (PodStartLatency.Measure(pod, previous, status, now) is { } latency)
        {
            observers.Started(latency);
        }

        statuses.SetPodStatus(pod, kill is null ? status : kill.Apply(status, now));
    }

    // Back soon when a backoff ends; otherwise at the periodic resync.
    private TimeSpan NextLook(Pod pod, PodActions actions)
    {
        var next = options.ResyncInterval;
        var now = time.GetUtcNow();
        foreach (var wait in actions.Backoffs)
        {
            var due = wait.Until - now;
            if (due < next)
            {
                next = due < TimeSpan.Zero ? TimeSpan.Zero : due;
            }
        }

        foreach (var container in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
        {
            if (reasons.Get(pod.Metadata!.Uid!, container.Name) is { } reason && reason.Reason != StartReasons.CrashLoopBackOff)
            {
                var retry = images.BackoffRemaining(pod, container.Image ?? string.Empty) ?? options.ErrorRequeue;
                if (retry < next)
                {
                    next = retry;
                }
            }
        }

        return next;
    }

    private static string Format(TimeSpan delay) =>
        delay.TotalMinutes >= 1 ? $"{(int)delay.TotalMinutes}m{delay.Seconds}s" : $"{delay.TotalSeconds:0.###}s";
}
