using Sharplet.Api;

namespace Sharplet.Cm;

// The kubepods cgroup's limits (upstream enforceNodeAllocatableCgroups/getCgroupConfig): capacity, or with
// enforceNodeAllocatable "pods" capacity less kubeReserved and systemReserved. The hard eviction thresholds are
// not taken off here (only off the allocatable the scheduler sees): pods together may reach them, so the
// eviction manager acts before the kernel's OOM killer does. cpu becomes shares (a weight against the system's
// other cgroups), memory a hard limit, pid a pids limit when a pid reservation is configured.
internal static class NodeAllocatableCgroup
{
    public static ResourceConfig For(IReadOnlyDictionary<string, Quantity> capacity, IReadOnlyDictionary<string, Quantity> reserved, bool enforcePods)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(reserved);
        long? Amount(string name, Func<Quantity, long> value)
        {
            if (!capacity.TryGetValue(name, out var total))
            {
                return null;
            }

            var left = value(total) - (enforcePods && reserved.TryGetValue(name, out var r) ? value(r) : 0);
            return Math.Max(0, left);
        }

        var cpu = Amount(ResourceName.Cpu, q => q.MilliValue());
        return new ResourceConfig
        {
            CpuShares = cpu is { } milli ? CgroupUnits.MilliCpuToShares(milli) : null,
            Memory = Amount(ResourceName.Memory, q => q.Value()),
            PidsLimit = reserved.ContainsKey("pid") ? Amount("pid", q => q.Value()) : null,
        };
    }
}
