using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Nodes;

namespace Sharplet.Tests.Nodes;

// An API server holding one Node. Status patches are applied as the server would for the shapes Sharplet
// sends: conditions merged by type, resources merged by name, addresses replaced (the $patch directive dropped),
// nodeInfo and daemonEndpoints replaced, labels merged.
internal sealed class FakeNodeApi : INodeApi
{
    public Node? Stored { get; set; }

    public List<JsonObject> Patches { get; } = [];

    public int Calls { get; private set; }

    // Thrown, in order, by the next calls.
    public Queue<Exception> Failures { get; } = new();

    public Task<Node> GetAsync(string name, CancellationToken cancellationToken)
    {
        Call();
        return Task.FromResult(Copy(Stored ?? throw ApiErrors.NotFound()));
    }

    public Task<Node> CreateAsync(Node node, CancellationToken cancellationToken)
    {
        Call();
        if (Stored is not null)
        {
            throw ApiErrors.AlreadyExists();
        }

        Stored = Copy(node);
        Stored.Metadata!.Uid = "uid-1";
        return Task.FromResult(Copy(Stored));
    }

    public Task<Node> PatchStatusAsync(string name, JsonObject patch, CancellationToken cancellationToken)
    {
        Call();
        var node = Stored ?? throw ApiErrors.NotFound();
        Patches.Add(patch);
        if (patch["metadata"]?["labels"] is JsonObject labels)
        {
            node.Metadata!.Labels ??= [];
            foreach (var (key, value) in labels)
            {
                if (value is null)
                {
                    node.Metadata.Labels.Remove(key);
                }
                else
                {
                    node.Metadata.Labels[key] = value.GetValue<string>();
                }
            }
        }

        if (patch["status"] is JsonObject status)
        {
            Apply(node.Status ??= new NodeStatus(), status);
        }

        return Task.FromResult(Copy(node));
    }

    private static void Apply(NodeStatus target, JsonObject status)
    {
        foreach (var condition in status["conditions"]?.AsArray().Select(c => Read<NodeCondition>(c!)) ?? [])
        {
            target.Conditions ??= [];
            var index = target.Conditions.FindIndex(c => c.Type == condition.Type);
            if (index < 0)
            {
                target.Conditions.Add(condition);
            }
            else
            {
                target.Conditions[index] = condition;
            }
        }

        target.Capacity = MergeResources(target.Capacity, status["capacity"]);
        target.Allocatable = MergeResources(target.Allocatable, status["allocatable"]);
        if (status["addresses"] is JsonArray addresses)
        {
            target.Addresses = addresses.Where(a => a!["$patch"] is null).Select(a => Read<NodeAddress>(a!)).ToList();
        }

        if (status["nodeInfo"] is JsonObject info)
        {
            target.NodeInfo = Read<NodeSystemInfo>(info);
        }

        if (status["daemonEndpoints"] is JsonObject endpoints)
        {
            target.DaemonEndpoints = Read<NodeDaemonEndpoints>(endpoints);
        }
    }

    private static Dictionary<string, Quantity>? MergeResources(Dictionary<string, Quantity>? current, JsonNode? patch)
    {
        if (patch is null)
        {
            return current;
        }

        var result = new Dictionary<string, Quantity>(current ?? []);
        foreach (var (name, value) in Read<Dictionary<string, Quantity>>(patch))
        {
            result[name] = value;
        }

        return result;
    }

    private static T Read<T>(JsonNode node) => node.Deserialize(KubeJson.TypeInfo<T>(KubeJson.Lenient))!;

    private static Node Copy(Node node) => KubeJson.Deserialize<Node>(KubeJson.SerializeToUtf8Bytes(node), KubeJson.Lenient)!;

    private void Call()
    {
        Calls++;
        if (Failures.TryDequeue(out var failure))
        {
            throw failure;
        }
    }
}
