using Sharplet.Api;

namespace Sharplet.Cm;

// Upstream ResourceConfigForPod: a pod cgroup gets cpu shares from the pod's cpu request; a Guaranteed pod
// also gets its cpu quota and memory limit, a Burstable one each of them only if every container declared that
// limit, a BestEffort one the minimum shares and nothing else. podPidsLimit applies to every class.
internal static class PodCgroupConfig
{
    // runc sets a container's memory limit while its own init is already in the cgroup and refuses a limit
    // below the usage at that moment ("unable to set memory limit to 1048576 (current usage: 2252800 ...)",
    // measured with this machine's runc), and the process then has to fit as well: a limit of a few MiB fails
    // or OOMs at random. Docker refuses anything under 6 MiB for this reason; so does Sharplet, up front, with
    // the pod and container named, instead of a sandbox or container error from the runtime.
    public const long MinimumMemoryLimit = 6 * 1024 * 1024;

    public static ResourceConfig For(PodSpec spec, string qosClass, CgroupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var pids = settings.PodPidsLimit > 0 ? settings.PodPidsLimit : (long?)null;
        if (qosClass == PodQOSClass.BestEffort)
        {
            return new ResourceConfig { CpuShares = CgroupUnits.MinShares, PidsLimit = pids };
        }

        var requests = PodResourceTotals.Requests(spec);
        var limits = PodResourceTotals.Limits(spec, out var cpuDeclared, out var memoryDeclared);
        var cpuRequest = requests.TryGetValue(ResourceName.Cpu, out var r) ? r.MilliValue() : 0;
        var cpuLimit = limits.TryGetValue(ResourceName.Cpu, out var l) ? l.MilliValue() : 0;
        var memoryLimit = limits.TryGetValue(ResourceName.Memory, out var m) ? m.Value() : 0;
        var period = (long)settings.CpuCfsQuotaPeriod.TotalMicroseconds;

        // cpuCFSQuota: false leaves the quota unlimited (-1), as upstream does.
        var quota = settings.CpuCfsQuota ? CgroupUnits.MilliCpuToQuota(cpuLimit, period) : -1;
        var guaranteed = qosClass == PodQOSClass.Guaranteed;
        return new ResourceConfig
        {
            CpuShares = CgroupUnits.MilliCpuToShares(cpuRequest),
            CpuQuota = guaranteed || cpuDeclared ? quota : null,
            CpuPeriod = guaranteed || cpuDeclared ? period : null,
            Memory = guaranteed || memoryDeclared ? memoryLimit : null,
            PidsLimit = pids,
        };
    }
}
