using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.Pods;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// Container resources to cgroup settings, with upstream's arithmetic (kuberuntime_container_linux.go):
// cpu shares from the request (the limit when no request is set; between 2 and 262144), CFS quota from the
// limit over a 100 ms period, the memory limit, and the OOM score adjustment of the pod's QoS class.
internal static class ResourceMapper
{
    private const long QuotaPeriod = 100_000;
    private const long MinQuota = 1000;
    private const long MinShares = 2;
    private const long MaxShares = 262_144;
    private const long SharesPerCpu = 1024;
    private const long GuaranteedOomScoreAdj = -997;
    private const long BestEffortOomScoreAdj = 1000;

    public static LinuxContainerResources Build(Pod pod, Container container, long memoryCapacityBytes)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var resources = new LinuxContainerResources();

        var cpuRequest = Milli(requests, ResourceName.Cpu) ?? 0;
        var cpuLimit = Milli(limits, ResourceName.Cpu) ?? 0;
        resources.CpuShares = Shares(cpuRequest == 0 ? cpuLimit : cpuRequest);
        if (cpuLimit > 0)
        {
            resources.CpuPeriod = QuotaPeriod;
            resources.CpuQuota = Math.Max(MinQuota, cpuLimit * QuotaPeriod / 1000);
        }

        if (limits is not null && limits.TryGetValue(ResourceName.Memory, out var memoryLimit) && !memoryLimit.IsZero)
        {
            resources.MemoryLimitInBytes = memoryLimit.Value();
        }

        resources.OomScoreAdj = OomScoreAdj(pod, container, memoryCapacityBytes);
        return resources;
    }

    // Upstream MilliCPUToShares.
    private static long Shares(long milliCpu) => milliCpu == 0 ? MinShares : Math.Clamp(milliCpu * SharesPerCpu / 1000, MinShares, MaxShares);

    // Upstream GetContainerOOMScoreAdjust: node-critical pods and Guaranteed -997, BestEffort 1000, Burstable
    // scaled by the share of node memory the container requests (a sidecar by no less than the smallest regular
    // container requests), kept within [3, 999] so it stays between the other two classes.
    public static long OomScoreAdj(Pod pod, Container container, long memoryCapacityBytes)
    {
        var spec = pod.Spec!;
        if (IsNodeCritical(pod))
        {
            return GuaranteedOomScoreAdj;
        }

        var qos = QosClass.Of(spec);
        if (qos == PodQOSClass.Guaranteed)
        {
            return GuaranteedOomScoreAdj;
        }

        if (qos == PodQOSClass.BestEffort)
        {
            return BestEffortOomScoreAdj;
        }

        if (memoryCapacityBytes <= 0)
        {
            return BestEffortOomScoreAdj - 1;
        }

        var adj = BestEffortOomScoreAdj - (1000 * MemoryRequest(container) / memoryCapacityBytes);
        var sidecar = container.RestartPolicy == ContainerRestartPolicy.Always && (spec.InitContainers ?? []).Any(c => c.Name == container.Name);
        if (sidecar && spec.Containers is { Count: > 0 } regular && regular.Min(MemoryRequest) is var smallest and not 0)
        {
            adj = Math.Min(adj, BestEffortOomScoreAdj - (1000 * smallest / memoryCapacityBytes));
        }

        return Math.Clamp(adj, 1000 + GuaranteedOomScoreAdj, BestEffortOomScoreAdj - 1);
    }

    // Upstream IsNodeCriticalPod: a critical pod (static, mirror, or of system-critical priority) of the
    // system-node-critical class.
    private static bool IsNodeCritical(Pod pod)
    {
        return CriticalPods.IsCritical(pod) && pod.Spec?.PriorityClassName == "system-node-critical";
    }

    private static long MemoryRequest(Container container) =>
        container.Resources?.Requests is { } r && r.TryGetValue(ResourceName.Memory, out var q) ? q.Value() : 0;

    private static long? Milli(Dictionary<string, Quantity>? list, string name) =>
        list is not null && list.TryGetValue(name, out var q) ? q.MilliValue() : null;
}
