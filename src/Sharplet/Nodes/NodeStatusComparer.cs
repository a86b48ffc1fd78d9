using Sharplet.Api;

namespace Sharplet.Nodes;

// Upstream's nodeStatusHasChanged: a change in anything but the conditions' heartbeats. Quantities compare by
// value, because the API server stores them canonically ("16Gi") while Sharplet computes them in another
// form ("16777216Ki"); a textual compare would report a change on every tick. Times compare to the second,
// the precision the API keeps.
internal static class NodeStatusComparer
{
    public static bool HasChanged(NodeStatus? original, NodeStatus updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (original is null)
        {
            return true;
        }

        return ConditionsChanged(original.Conditions, updated.Conditions)
            || !SameResources(original.Capacity, updated.Capacity)
            || !SameResources(original.Allocatable, updated.Allocatable)
            || !SameAddresses(original.Addresses, updated.Addresses)
            || !SameNodeInfo(original.NodeInfo, updated.NodeInfo)
            || original.DaemonEndpoints?.KubeletEndpoint?.Port != updated.DaemonEndpoints?.KubeletEndpoint?.Port;
    }

    public static bool ConditionsChanged(IReadOnlyList<NodeCondition>? original, IReadOnlyList<NodeCondition>? updated)
    {
        var before = (original ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).ToList();
        var after = (updated ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).ToList();
        return before.Count != after.Count || before.Zip(after).Any(pair => !SameIgnoringHeartbeat(pair.First, pair.Second));
    }

    public static bool SameIgnoringHeartbeat(NodeCondition a, NodeCondition b) =>
        a.Type == b.Type
        && a.Status == b.Status
        && (a.Reason ?? string.Empty) == (b.Reason ?? string.Empty)
        && (a.Message ?? string.Empty) == (b.Message ?? string.Empty)
        && SameSecond(a.LastTransitionTime, b.LastTransitionTime);

    public static bool SameIncludingHeartbeat(NodeCondition a, NodeCondition b) =>
        SameIgnoringHeartbeat(a, b) && SameSecond(a.LastHeartbeatTime, b.LastHeartbeatTime);

    public static bool SameResources(IReadOnlyDictionary<string, Quantity>? a, IReadOnlyDictionary<string, Quantity>? b)
    {
        a ??= new Dictionary<string, Quantity>();
        b ??= new Dictionary<string, Quantity>();
        return a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other == pair.Value);
    }

    public static bool SameAddresses(IReadOnlyList<NodeAddress>? a, IReadOnlyList<NodeAddress>? b) =>
        (a ?? []).Select(x => (x.Type, x.Address)).SequenceEqual((b ?? []).Select(x => (x.Type, x.Address)));

    public static bool SameNodeInfo(NodeSystemInfo? a, NodeSystemInfo? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.MachineID == b.MachineID
              && a.SystemUUID == b.SystemUUID
              && a.BootID == b.BootID
              && a.KernelVersion == b.KernelVersion
              && a.OsImage == b.OsImage
              && a.ContainerRuntimeVersion == b.ContainerRuntimeVersion
              && a.KubeletVersion == b.KubeletVersion
              && a.KubeProxyVersion == b.KubeProxyVersion
              && a.OperatingSystem == b.OperatingSystem
              && a.Architecture == b.Architecture
              && a.Swap?.Capacity == b.Swap?.Capacity;

    private static bool SameSecond(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null || b is null ? a is null && b is null : a.Value.ToUnixTimeSeconds() == b.Value.ToUnixTimeSeconds();
}
