using Sharplet.Api;
using Sharplet.Nodes;
using Sharplet.Pods;

namespace Sharplet.Admission;

// Upstream's eviction admit handler, checked before the resource predicates: under memory pressure alone only
// BestEffort pods are refused (unless they tolerate the memory-pressure taint); under disk or PID pressure every
// pod is; critical pods are always admitted. The refusal is reason Evicted with "Pod was rejected: The node had condition: [...]. " (rejectPod's prefix).
internal static class PressureAdmission
{
    private const string MemoryPressureTaint = "node.kubernetes.io/memory-pressure";

    public static (string Reason, string Message)? Check(Pod pod, PressureSignals pressure)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(pressure);
        var conditions = new List<string>();
        if (pressure.Memory)
        {
            conditions.Add("MemoryPressure");
        }

        if (pressure.Disk)
        {
            conditions.Add("DiskPressure");
        }

        if (pressure.Pid)
        {
            conditions.Add("PIDPressure");
        }

        if (conditions.Count == 0 || CriticalPods.IsCritical(pod))
        {
            return null;
        }

        if (conditions is ["MemoryPressure"]
            && (QosClass.Of(pod.Spec!) != "BestEffort" || (pod.Spec!.Tolerations ?? []).Any(ToleratesMemoryPressure)))
        {
            return null;
        }

        return ("Evicted", $"Pod was rejected: The node had condition: [{string.Join(' ', conditions)}]. ");
    }

    // Upstream's Toleration.ToleratesTaint for the NoSchedule memory-pressure taint (which has no value).
    private static bool ToleratesMemoryPressure(Toleration t) =>
        (string.IsNullOrEmpty(t.Effect) || t.Effect == "NoSchedule")
        && (t.Operator == "Exists" ? string.IsNullOrEmpty(t.Key) || t.Key == MemoryPressureTaint
            : t.Key == MemoryPressureTaint && string.IsNullOrEmpty(t.Value));
}
