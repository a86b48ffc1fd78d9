using Microsoft.Extensions.Logging;
using Sharplet.Api;

namespace Sharplet.Cm;

// Upstream's QOSContainerManager and node allocatable cgroup: kubepods (limited to allocatable when
// enforceNodeAllocatable has "pods", else to capacity), kubepods/burstable and kubepods/besteffort under the
// cgroup root. BestEffort gets the minimum cpu shares; Burstable the shares of the sum of its pods' cpu
// requests, rewritten whenever that sum changes, so a burstable pod's request counts against the Guaranteed
// pods beside it. Pods are tracked here as their cgroups are made and removed (the callers are the pod
// workers and housekeeping, which may run concurrently: every change is under one lock).
internal sealed partial class QosContainerManager(CgroupManager cgroups, CgroupSettings settings, ResourceConfig kubepodsConfig, ILogger<QosContainerManager> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> burstableMilliCpu = new(StringComparer.Ordinal);
    private long? writtenBurstableShares;

    public string Kubepods { get; } = (settings.CgroupRoot.Trim().Trim('/') is { Length: > 0 } r ? "/" + r : string.Empty) + "/kubepods";

    public string Burstable => Kubepods + "/burstable";

    public string BestEffort => Kubepods + "/besteffort";

    public ResourceConfig KubepodsConfig { get; } = kubepodsConfig;

    // The parent cgroup of a pod of this QoS class: Guaranteed pods sit directly under kubepods.
    public string TierOf(string qosClass) => qosClass switch
    {
        PodQOSClass.Guaranteed => Kubepods,
        PodQOSClass.BestEffort => BestEffort,
        _ => Burstable,
    };

    // Upstream containerManagerImpl.Start/setupNode: the root must exist; the tiers are made (or brought back
    // to the configured limits) before any pod starts.
    public void Start()
    {
        if (!settings.CgroupsPerQos)
        {
            cgroups.ValidateRoot(settings.CgroupRoot);
            return;
        }

        cgroups.ValidateRoot(settings.CgroupRoot);
        cgroups.Create(Kubepods, KubepodsConfig);
        cgroups.Create(BestEffort, new ResourceConfig { CpuShares = CgroupUnits.MinShares });
        lock (gate)
        {
            cgroups.Create(Burstable, new ResourceConfig { CpuShares = BurstableShares() });
            writtenBurstableShares = BurstableShares();
        }

        LogStarted(logger, Kubepods, KubepodsConfig.CpuShares, KubepodsConfig.Memory);
    }

    // Records a pod's cpu request in its tier and rewrites the tier's shares if they changed.
    public void Track(string uid, string qosClass, long milliCpuRequest)
    {
        lock (gate)
        {
            if (qosClass == PodQOSClass.Burstable)
            {
                burstableMilliCpu[uid] = milliCpuRequest;
            }
            else
            {
                burstableMilliCpu.Remove(uid);
            }

            ApplyLocked();
        }
    }

    public void Forget(string uid)
    {
        lock (gate)
        {
            if (burstableMilliCpu.Remove(uid))
            {
                ApplyLocked();
            }
        }
    }

    // Housekeeping's periodic pass (upstream re-applies the QoS limits every minute): writes again if the file
    // was changed behind our back.
    public void Reconcile()
    {
        if (!settings.CgroupsPerQos)
        {
            return;
        }

        lock (gate)
        {
            var expected = CgroupFileMapping.For(cgroups.Hierarchy.Unified, new ResourceConfig { CpuShares = BurstableShares() })[0];
            if (cgroups.Read("cpu", Burstable, expected.Name) != expected.Value)
            {
                writtenBurstableShares = null;
            }

            ApplyLocked();
        }
    }

    private void ApplyLocked()
    {
        if (!settings.CgroupsPerQos)
        {
            return;
        }

        var shares = BurstableShares();
        if (shares == writtenBurstableShares)
        {
            return;
        }

        try
        {
            cgroups.Update(Burstable, new ResourceConfig { CpuShares = shares });
            writtenBurstableShares = shares;
            LogBurstableShares(logger, Burstable, shares);
        }
        catch (CgroupException ex)
        {
            // Retried on the next change or reconcile pass; a pod still starts (its own cgroup has its limits).
            LogTierFailed(logger, Burstable, ex.Message);
        }
    }

    private long BurstableShares() => CgroupUnits.MilliCpuToShares(burstableMilliCpu.Values.Sum());

    [LoggerMessage(Level = LogLevel.Information, Message = "QoS cgroups ready under {Kubepods} (cpu.shares {Shares}, memory limit {Memory} bytes)")]
    private static partial void LogStarted(ILogger logger, string kubepods, long? shares, long? memory);

    [LoggerMessage(Level = LogLevel.Debug, Message = "QoS cgroup {Cgroup}: cpu shares {Shares}")]
    private static partial void LogBurstableShares(ILogger logger, string cgroup, long shares);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QoS cgroup {Cgroup}: cannot update its limits (retried): {Error}")]
    private static partial void LogTierFailed(ILogger logger, string cgroup, string error);
}
