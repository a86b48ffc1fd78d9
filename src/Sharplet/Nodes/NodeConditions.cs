using Sharplet.Api;

namespace Sharplet.Nodes;

// Upstream's condition setters (pkg/kubelet/nodestatus): MemoryPressure, DiskPressure and PIDPressure keep their
// reason, message and transition time until their status flips; Ready is rebuilt every time but keeps its
// transition time while its status stays. Every condition Sharplet owns gets the heartbeat "now". Conditions of
// other writers (NetworkUnavailable from a network plugin) are left as they are, in place.
internal static class NodeConditions
{
    public const string KubeletReady = "KubeletReady";
    public const string KubeletNotReady = "KubeletNotReady";
    public const string ReadyMessage = "kubelet is posting ready status";

    // The conditions Sharplet writes, in upstream's setter order (Ready last: old masters read the last one).
    public static IReadOnlyList<string> Owned { get; } =
        [NodeConditionType.MemoryPressure, NodeConditionType.DiskPressure, NodeConditionType.PIDPressure, NodeConditionType.Ready];

    // Upstream's ReadyCondition: ephemeral-storage is required only with localStorageCapacityIsolation.
    private static readonly string[] RequiredCapacities = [ResourceName.Cpu, ResourceName.Memory, ResourceName.Pods];

    private static readonly PressureText Memory = new(
        NodeConditionType.MemoryPressure,
        new("KubeletHasInsufficientMemory", "kubelet has insufficient memory available"),
        new("KubeletHasSufficientMemory", "kubelet has sufficient memory available"));

    private static readonly PressureText Disk = new(
        NodeConditionType.DiskPressure,
        new("KubeletHasDiskPressure", "kubelet has disk pressure"),
        new("KubeletHasNoDiskPressure", "kubelet has no disk pressure"));

    private static readonly PressureText Pid = new(
        NodeConditionType.PIDPressure,
        new("KubeletHasInsufficientPID", "kubelet has insufficient PID available"),
        new("KubeletHasSufficientPID", "kubelet has sufficient PID available"));

    // Returns new condition objects; the current ones are not modified.
    public static List<NodeCondition> Apply(
        IReadOnlyList<NodeCondition>? current, IReadOnlyDictionary<string, Quantity>? capacity, NodeObservation observed, DateTimeOffset now,
        bool localStorageCapacityIsolation = true)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var conditions = (current ?? []).Select(Copy).ToList();
        SetPressure(conditions, Memory, observed.MemoryPressure, now);
        SetPressure(conditions, Disk, observed.DiskPressure, now);
        SetPressure(conditions, Pid, observed.PidPressure, now);
        SetReady(conditions, capacity, observed, now, localStorageCapacityIsolation);
        return conditions;
    }

    // Upstream joins the not-ready reasons as an aggregate error: one reason alone, several as "[a, b]".
    public static string NotReadyMessage(IEnumerable<string> problems)
    {
        var distinct = problems.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : $"[{string.Join(", ", distinct)}]";
    }

    private static void SetPressure(List<NodeCondition> conditions, PressureText text, bool pressure, DateTimeOffset now)
    {
        var condition = conditions.Find(c => c.Type == text.Type);
        if (condition is null)
        {
            // A new condition starts Unknown, so either branch below sets its reason and transition time.
            condition = new NodeCondition { Type = text.Type, Status = ConditionStatus.Unknown };
            conditions.Add(condition);
        }

        condition.LastHeartbeatTime = now;
        var (status, words) = pressure ? (ConditionStatus.True, text.Pressure) : (ConditionStatus.False, text.NoPressure);
        if (condition.Status != status)
        {
            condition.Status = status;
            condition.Reason = words.Reason;
            condition.Message = words.Message;
            condition.LastTransitionTime = now;
        }
    }

    private static void SetReady(
        List<NodeCondition> conditions, IReadOnlyDictionary<string, Quantity>? capacity, NodeObservation observed, DateTimeOffset now, bool localStorageCapacityIsolation)
    {
        var problems = observed.RuntimeErrors.Concat(observed.NetworkErrors).ToList();
        var required = localStorageCapacityIsolation ? [.. RequiredCapacities, ResourceName.EphemeralStorage] : RequiredCapacities;
        var missing = required.Where(r => capacity is null || !capacity.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing node capacity for resources: {string.Join(", ", missing)}");
        }

        var ready = problems.Count == 0
            ? new NodeCondition { Type = NodeConditionType.Ready, Status = ConditionStatus.True, Reason = KubeletReady, Message = ReadyMessage }
            : new NodeCondition { Type = NodeConditionType.Ready, Status = ConditionStatus.False, Reason = KubeletNotReady, Message = NotReadyMessage(problems) };
        ready.LastHeartbeatTime = now;
        var index = conditions.FindIndex(c => c.Type == NodeConditionType.Ready);
        if (index < 0)
        {
            ready.LastTransitionTime = now;
            conditions.Add(ready);
            return;
        }

        var previous = conditions[index];
        ready.LastTransitionTime = previous.Status == ready.Status ? previous.LastTransitionTime : now;
        conditions[index] = ready;
    }

    private static NodeCondition Copy(NodeCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        LastHeartbeatTime = c.LastHeartbeatTime,
        LastTransitionTime = c.LastTransitionTime,
        Reason = c.Reason,
        Message = c.Message,
    };

    private sealed record Words(string Reason, string Message);

    private sealed record PressureText(string Type, Words Pressure, Words NoPressure);
}
