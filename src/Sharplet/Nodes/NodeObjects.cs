using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Nodes;

// The Node Sharplet registers (upstream's initialNode) and the reconcile of a Node that already exists
// (upstream's tryRegisterWithAPIServer after AlreadyExists).
internal static class NodeObjects
{
    // The labels upstream's updateDefaultLabels re-asserts on an existing node. Other labels, --node-labels
    // included, are only set at registration: as upstream, a restart does not undo what an operator changed.
    public static IReadOnlyList<string> DefaultLabels { get; } =
    [
        "kubernetes.io/hostname",
        "topology.kubernetes.io/zone",
        "topology.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/region",
        "node.kubernetes.io/instance-type",
        "beta.kubernetes.io/instance-type",
        "kubernetes.io/os",
        "kubernetes.io/arch",
        "beta.kubernetes.io/os",
        "beta.kubernetes.io/arch",
    ];

    // Registered with its whole status, conditions included, so the node is described from its first moment, and
    // with the --register-with-taints taints (upstream's initialNode), so nothing is scheduled onto it untainted.
    public static Node Initial(NodeDescription description, NodeObservation observed, DateTimeOffset now, IReadOnlyList<Taint>? taints = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new ObjectMeta
            {
                Name = description.Name,
                Labels = new Dictionary<string, string>(description.Labels, StringComparer.Ordinal),
            },
            Spec = taints is { Count: > 0 }
                ? new NodeSpec { Taints = taints.Select(t => new Taint { Key = t.Key, Value = t.Value, Effect = t.Effect, TimeAdded = t.TimeAdded }).ToList() }
                : null,
            Status = NodeStatusComputer.Compute(null, description, observed, now),
        };
    }

    // The status patch (labels ride along in metadata, as upstream's PatchNodeStatus sends them) that makes an
    // existing node carry Sharplet's default labels and its addresses, capacity, allocatable, nodeInfo and
    // daemonEndpoints; null when it already does. Conditions are left to the status loop, which keeps their
    // transition times.
    public static JsonObject? Reconcile(NodeDescription description, Node existing)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(existing);
        var labels = new JsonObject();
        var current = existing.Metadata?.Labels ?? [];
        foreach (var key in DefaultLabels)
        {
            if (description.Labels.TryGetValue(key, out var wanted) && (!current.TryGetValue(key, out var have) || have != wanted))
            {
                labels[key] = wanted.Length == 0 ? null : wanted;
            }
        }

        var status = NodeStatusComputer.WithOwnedFields(existing.Status, description);
        var patch = NodeStatusPatch.Build(existing.Status, status) ?? [];
        if (labels.Count > 0)
        {
            patch["metadata"] = new JsonObject { ["labels"] = labels };
        }

        return patch.Count == 0 ? null : patch;
    }
}
