using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.Statuses;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// Container resources to cgroup settings, with upstream's arithmetic (kuberuntime_container_linux.go):
// cpu shares from the request (minimum 2), CFS quota from the limit over a 100 ms period, the memory limit,
// and the OOM score adjustment of the pod's QoS class.
internal static class ResourceMapper
{
    private const long QuotaPeriod = 100_000;
    private const long MinQuota = 1000;
    private const long MinShares = 2;
    private const long SharesPerCpu = 1024;

    public static LinuxContainerResources Build(PodSpec spec, Container container, long memoryCapacityBytes)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var resources = new LinuxContainerResources();

        var cpuRequest = Milli(requests, ResourceName.Cpu) ?? Milli(limits, ResourceName.Cpu);
        resources.CpuShares = cpuRequest is { } req ? Math.Max(MinShares, req * SharesPerCpu / 1000) : MinShares;
        if (Milli(limits, ResourceName.Cpu) is { } cpuLimit and > 0)
        {
            resources.CpuPeriod = QuotaPeriod;
            resources.CpuQuota = Math.Max(MinQuota, cpuLimit * QuotaPeriod / 1000);
        }

        if (limits is not null && limits.TryGetValue(ResourceName.Memory, out var memoryLimit) && !memoryLimit.IsZero)
        {
            resources.MemoryLimitInBytes = memoryLimit.Value();
        }

        resources.OomScoreAdj = OomScoreAdj(spec, container, memoryCapacityBytes);
        return resources;
    }

    // Upstream GetContainerOOMScoreAdjust: Guaranteed -997, BestEffort 1000, Burstable scaled by the share of
    // node memory the container requests, kept within [2, 999] so it stays between the other two classes.
    public static long OomScoreAdj(PodSpec spec, Container container, long memoryCapacityBytes)
    {
        var qos = QosClass.Of(spec);
        if (qos == PodQOSClass.Guaranteed)
        {
            return -997;
        }

        if (qos == PodQOSClass.BestEffort)
        {
            return 1000;
        }

        var request = container.Resources?.Requests is { } r && r.TryGetValue(ResourceName.Memory, out var q) ? q.Value() : 0;
        if (memoryCapacityBytes <= 0)
        {
            return 999;
        }

        var adj = 1000 - (1000 * request / memoryCapacityBytes);
        return Math.Clamp(adj, 2, 999);
    }

    private static long? Milli(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q.MilliValue() : null;
}
