using Microsoft.Extensions.Logging;
using Sharplet.Api;

namespace Sharplet.Cm;

// Upstream's podContainerManagerImpl: each pod gets its own cgroup, pod<uid> under its QoS tier, with the
// pod-level limits, before its sandbox starts (so the sandbox and every container are inside the pod's
// bounds), and it is removed once the pod is gone. A cgroup that cannot be removed yet (a process is still
// inside) is remembered and retried on every housekeeping pass until it goes: never dropped silently.
internal sealed partial class PodContainerManager(CgroupManager cgroups, CgroupSettings settings, QosContainerManager qos, ILogger<PodContainerManager> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> pendingRemoval = new(StringComparer.Ordinal);

    public bool Enabled => settings.CgroupsPerQos;

    // The cgroup parent handed to the runtime for the pod's sandbox and containers.
    public string NameOf(string qosClass, string uid) => Enabled ? $"{qos.TierOf(qosClass)}/pod{uid}" : settings.CgroupRoot;

    // Creates the pod's cgroup with its limits if it does not exist yet. Throws a CgroupException naming the
    // pod when the pod's limits cannot work or the cgroup cannot be made; the pod then does not start.
    public void EnsureExists(Pod pod, string qosClass)
    {
        ArgumentNullException.ThrowIfNull(pod);
        RefuseTinyMemoryLimits(pod);
        if (!Enabled)
        {
            return;
        }

        var meta = pod.Metadata!;
        var uid = meta.Uid!;
        var config = PodCgroupConfig.For(pod.Spec!, qosClass, settings);

        var name = NameOf(qosClass, uid);
        lock (gate)
        {
            pendingRemoval.Remove(uid);
        }

        var cpuRequest = PodResourceTotals.Requests(pod.Spec!).TryGetValue(ResourceName.Cpu, out var cpu) ? cpu.MilliValue() : 0;

        // The tier first, as upstream updates the QoS cgroups before the pod's own cgroup appears in it.
        qos.Track(uid, qosClass, cpuRequest);
        if (cgroups.Exists(name))
        {
            return;
        }

        try
        {
            cgroups.Create(name, config);
        }
        catch (CgroupException ex)
        {
            throw new CgroupException($"pod {meta.Namespace}/{meta.Name}: {ex.Message}", ex);
        }

        LogCreated(logger, meta?.Namespace, meta?.Name, uid, name, config.CpuShares, config.CpuQuota, config.Memory, config.PidsLimit);
    }

    // Removes the pod's cgroup in whichever tier it is (the pod's class is not known any more after a restart).
    // Returns what could not be removed; those are retried by RetryPendingRemovals.
    public IReadOnlyList<string> Destroy(string uid)
    {
        if (!Enabled)
        {
            return [];
        }

        qos.Forget(uid);
        var failures = new List<string>();
        foreach (var tier in new[] { PodQOSClass.Guaranteed, PodQOSClass.Burstable, PodQOSClass.BestEffort })
        {
            failures.AddRange(cgroups.Destroy(NameOf(tier, uid)));
        }

        lock (gate)
        {
            if (failures.Count == 0)
            {
                if (pendingRemoval.Remove(uid, out var attempts))
                {
                    LogRemovedLate(logger, uid, attempts);
                }
            }
            else
            {
                var attempts = pendingRemoval.GetValueOrDefault(uid) + 1;
                pendingRemoval[uid] = attempts;
                if (attempts == 1)
                {
                    LogNotRemoved(logger, uid, failures[0]);
                }
            }
        }

        return failures;
    }

    private static void RefuseTinyMemoryLimits(Pod pod)
    {
        var meta = pod.Metadata!;
        foreach (var container in (pod.Spec!.InitContainers ?? []).Concat(pod.Spec.Containers ?? []))
        {
            if (container.Resources?.Limits is { } limits && limits.TryGetValue(ResourceName.Memory, out var q)
                && q.Value() is > 0 and < PodCgroupConfig.MinimumMemoryLimit)
            {
                throw new CgroupException(
                    $"pod {meta.Namespace}/{meta.Name}: container {container.Name}: memory limit {q.Value()} bytes is below the {PodCgroupConfig.MinimumMemoryLimit / (1024 * 1024)}Mi the runtime can reliably start a container in");
            }
        }
    }

    public IReadOnlyCollection<string> PendingRemovals
    {
        get
        {
            lock (gate)
            {
                return pendingRemoval.Keys.ToList();
            }
        }
    }

    // Housekeeping: one more try for each pod cgroup that could not be removed before.
    public void RetryPendingRemovals()
    {
        foreach (var uid in PendingRemovals)
        {
            Destroy(uid);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): cgroup {Cgroup} created (cpu.shares {Shares}, cfs quota {Quota}, memory limit {Memory}, pids limit {Pids})")]
    private static partial void LogCreated(ILogger logger, string? @namespace, string? pod, string? podUid, string cgroup, long? shares, long? quota, long? memory, long? pids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod UID {PodUid}: its cgroup cannot be removed yet, housekeeping retries it: {Problem}")]
    private static partial void LogNotRemoved(ILogger logger, string podUid, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "pod UID {PodUid}: cgroup removed after {Attempts} failed attempts")]
    private static partial void LogRemovedLate(ILogger logger, string podUid, int attempts);
}
