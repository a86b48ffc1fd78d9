using Sharplet.Api;

namespace Sharplet.Nodes;

// The pure half of upstream's setNodeStatus: takes the status the API server holds and returns the status
// Sharplet wants it to hold, without touching the input. Fields Sharplet does not own (volumes, other
// writers' conditions, extended resources of device plugins) are carried over unchanged.
internal static class NodeStatusComputer
{
    public static NodeStatus Compute(NodeStatus? current, NodeDescription description, NodeObservation observed, DateTimeOffset now)
    {
        var status = WithOwnedFields(current, description);
        status.Conditions = NodeConditions.Apply(current?.Conditions, status.Capacity, observed, now, description.Facts.EphemeralStorageBytes is not null);
        if (observed.Images is { } images)
        {
            status.Images = [.. images];
        }

        return status;
    }

    // Addresses, capacity, allocatable, nodeInfo and daemonEndpoints; conditions as they were.
    public static NodeStatus WithOwnedFields(NodeStatus? current, NodeDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var status = Copy(current);
        status.Addresses = description.NewAddresses();
        status.Capacity = Merge(status.Capacity, description.Capacity);
        status.Allocatable = Merge(status.Allocatable, description.Allocatable);
        status.NodeInfo = Merge(status.NodeInfo, description.NewNodeInfo());
        status.DaemonEndpoints = description.NewDaemonEndpoints();
        return status;
    }

    public static NodeStatus Copy(NodeStatus? status) =>
        status is null ? new NodeStatus() : KubeJson.Deserialize<NodeStatus>(KubeJson.SerializeToUtf8Bytes(status), KubeJson.Lenient)!;

    // Upstream's MachineInfo setter overwrites the resources it measures and keeps the others (device plugins').
    private static Dictionary<string, Quantity> Merge(Dictionary<string, Quantity>? current, IReadOnlyDictionary<string, Quantity> owned)
    {
        var result = new Dictionary<string, Quantity>(current ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in owned)
        {
            result[name] = value;
        }

        return result;
    }

    // Swap is measured by upstream's machine info, not by Sharplet: keep whatever is there.
    private static NodeSystemInfo Merge(NodeSystemInfo? current, NodeSystemInfo owned)
    {
        owned.Swap = current?.Swap;
        return owned;
    }
}
