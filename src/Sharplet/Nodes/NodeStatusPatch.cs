using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Nodes;

// The strategic merge patch from the status the server holds to the one Sharplet computed, holding only what
// differs, as upstream's two-way patch does: a condition that is unchanged (another writer's, typically) is not
// sent, so Sharplet never writes back a stale copy of it. Conditions merge by type on the server.
internal static class NodeStatusPatch
{
    // {"status": {...}}, or null when nothing differs.
    public static JsonObject? Build(NodeStatus? original, NodeStatus updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var next = JsonSerializer.SerializeToNode(updated, KubeJson.TypeInfo<NodeStatus>(KubeJson.Lenient))!.AsObject();
        var status = new JsonObject();

        var conditions = new JsonArray();
        foreach (var (condition, index) in (updated.Conditions ?? []).Select((c, i) => (c, i)))
        {
            var before = original?.Conditions?.Find(c => c.Type == condition.Type);
            if (before is null || !NodeStatusComparer.SameIncludingHeartbeat(before, condition))
            {
                conditions.Add(next["conditions"]![index]!.DeepClone());
            }
        }

        if (conditions.Count > 0)
        {
            status["conditions"] = conditions;
        }

        AddResources(status, "capacity", original?.Capacity, updated.Capacity, next);
        AddResources(status, "allocatable", original?.Allocatable, updated.Allocatable, next);
        if (!NodeStatusComparer.SameAddresses(original?.Addresses, updated.Addresses))
        {
            // Addresses merge by type on the server, which folds two InternalIPs (dual stack) into one; the
            // replace directive sends the list whole.
            var addresses = new JsonArray(new JsonObject { ["$patch"] = "replace" });
            foreach (var address in next["addresses"]?.AsArray() ?? [])
            {
                addresses.Add(address!.DeepClone());
            }

            status["addresses"] = addresses;
        }

        if (!NodeStatusComparer.SameNodeInfo(original?.NodeInfo, updated.NodeInfo))
        {
            status["nodeInfo"] = next["nodeInfo"]?.DeepClone();
        }

        if (original?.DaemonEndpoints?.KubeletEndpoint?.Port != updated.DaemonEndpoints?.KubeletEndpoint?.Port)
        {
            status["daemonEndpoints"] = next["daemonEndpoints"]?.DeepClone();
        }

        return status.Count == 0 ? null : new JsonObject { ["status"] = status };
    }

    private static void AddResources(
        JsonObject status, string field, Dictionary<string, Quantity>? before, Dictionary<string, Quantity>? after, JsonObject next)
    {
        var changed = new JsonObject();
        foreach (var (name, value) in after ?? new Dictionary<string, Quantity>())
        {
            if (before is null || !before.TryGetValue(name, out var old) || old != value)
            {
                changed[name] = next[field]![name]!.DeepClone();
            }
        }

        if (changed.Count > 0)
        {
            status[field] = changed;
        }
    }
}
