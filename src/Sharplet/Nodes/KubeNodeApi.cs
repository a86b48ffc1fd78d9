using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Nodes;

// INodeApi on the process's shared KubeApiClient, each call bounded by the heartbeat deadline.
internal sealed class KubeNodeApi(KubeApiClient client, TimeSpan callTimeout, TimeProvider time) : INodeApi
{
    public Task<Node> GetAsync(string name, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(callTimeout, time, $"GET node {name}", ct => client.GetAsync(KubeResources.Nodes, null, name, ct), cancellationToken);

    public Task<Node> CreateAsync(Node node, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(callTimeout, time, $"POST node {node?.Metadata?.Name}", ct => client.CreateAsync(KubeResources.Nodes, null, node!, ct), cancellationToken);

    public Task<Node> PatchStatusAsync(string name, JsonObject patch, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(
            callTimeout, time, $"PATCH node {name} status", ct => client.PatchStatusAsync(KubeResources.Nodes, null, name, KubePatch.StrategicMerge(patch), ct), cancellationToken);
}
