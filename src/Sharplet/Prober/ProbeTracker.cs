using Sharplet.Api;
using Sharplet.ProbeResults;
using Sharplet.Statuses;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Prober;

// The state of one probe between its runs and the decisions of upstream's worker.doProbe, without I/O: the
// worker hands it the pod's latest status, applies the cache writes it returns, runs the probe when told and
// reports the verdict back. Only the worker's loop touches it.
//
// Rules (upstream): a new container ID restarts from the kind's initial value; a container that is not running
// fails its probes (and the worker ends once it will not run again); liveness and startup end quietly on a pod
// being deleted; nothing runs during initialDelaySeconds after the container started; liveness and readiness
// wait until the container has started, startup stops once it has; a verdict is stored only after
// failureThreshold or successThreshold equal results in a row; after a liveness failure or any startup verdict
// the probe holds until the next container.
internal sealed class ProbeTracker(ProbeKind kind, Probe spec, string containerName, bool sidecar)
{
    private ProbeResult? lastResult;
    private int resultRun;
    private bool onHold;

    // The container the probe currently judges, as the runtime names it and as the status does.
    public string? ContainerId { get; private set; }

    public string? QualifiedContainerId { get; private set; }

    public ProbeKind Kind => kind;

    public ProbeStep Next(PodStatusEntry? entry, DateTimeOffset now)
    {
        // No status: the pod is not synced yet, or is being removed (the manager stops the worker then).
        if (entry is null)
        {
            return ProbeStep.Wait([]);
        }

        if (entry.Status.Phase is PodPhase.Succeeded or PodPhase.Failed)
        {
            return ProbeStep.Stop([]);
        }

        if (Find(entry.Status) is not { } container)
        {
            // Not created yet, or gone: wait for more information.
            return ProbeStep.Wait([]);
        }

        var writes = new List<ResultWrite>();
        if (QualifiedContainerId != container.ContainerID)
        {
            if (ContainerId is not null)
            {
                writes.Add(new ResultWrite(ContainerId, null));
            }

            QualifiedContainerId = container.ContainerID!;
            ContainerId = RawId(QualifiedContainerId);
            writes.Add(new ResultWrite(ContainerId, ProbeResultsCache.Initial(kind), Initial: true));
            onHold = false;
        }

        if (onHold)
        {
            return ProbeStep.Wait(writes);
        }

        if (container.State?.Running is not { } running)
        {
            writes.Add(new ResultWrite(ContainerId!, ProbeResult.Failure));

            // Ends only with a container that will not run again: terminated, under restartPolicy Never, and
            // not a sidecar (sidecars restart whatever the pod's policy says).
            var over = container.State?.Terminated is not null && entry.Pod.Spec?.RestartPolicy == RestartPolicy.Never && !sidecar;
            return over ? ProbeStep.Stop(writes) : ProbeStep.Wait(writes);
        }

        if (entry.Pod.Metadata?.DeletionTimestamp is not null && kind is ProbeKind.Liveness or ProbeKind.Startup)
        {
            // A last Success so the deletion is not disturbed by a restart.
            writes.Add(new ResultWrite(ContainerId!, ProbeResult.Success));
            return ProbeStep.Stop(writes);
        }

        var startedAt = running.StartedAt ?? now;
        if ((int)(now - startedAt).TotalSeconds < (spec.InitialDelaySeconds ?? 0))
        {
            return ProbeStep.Wait(writes);
        }

        // Startup is done once the container started; the others wait for that.
        var started = container.Started == true;
        if (kind == ProbeKind.Startup ? started : !started)
        {
            return ProbeStep.Wait(writes);
        }

        return ProbeStep.Probe(writes);
    }

    // The verdict of a run (errors never get here); returns the write to make once a threshold is reached.
    public ResultWrite? Record(ProbeResult result)
    {
        if (lastResult == result)
        {
            resultRun++;
        }
        else
        {
            lastResult = result;
            resultRun = 1;
        }

        if ((result == ProbeResult.Failure && resultRun < Math.Max(1, spec.FailureThreshold ?? 3))
            || (result == ProbeResult.Success && resultRun < Math.Max(1, spec.SuccessThreshold ?? 1)))
        {
            return null;
        }

        // Liveness failed (the container will be killed) or startup decided: nothing more to learn from this
        // container, and exec into a container being stopped is best avoided.
        if ((kind == ProbeKind.Liveness && result == ProbeResult.Failure) || kind == ProbeKind.Startup)
        {
            onHold = true;
            resultRun = 0;
        }

        return new ResultWrite(ContainerId!, result);
    }

    // "containerd://abc" -> "abc", the key the sync decisions use.
    internal static string RawId(string qualified)
    {
        var separator = qualified.IndexOf("://", StringComparison.Ordinal);
        return separator < 0 ? qualified : qualified[(separator + 3)..];
    }

    private ApiContainerStatus? Find(PodStatus status) =>
        (status.ContainerStatuses ?? []).FirstOrDefault(c => c.Name == containerName && !string.IsNullOrEmpty(c.ContainerID))
        ?? (status.InitContainerStatuses ?? []).FirstOrDefault(c => c.Name == containerName && !string.IsNullOrEmpty(c.ContainerID));
}
