using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Pods;

// IPodApi on the process's shared KubeApiClient, each call bounded by RequestTimeout.
internal sealed class KubePodApi(KubeApiClient client, PodApiOptions options, TimeProvider time) : IPodApi
{
    public Task<Pod> GetAsync(string? @namespace, string name, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(options.RequestTimeout, time, $"GET pod {@namespace}/{name}", ct => client.GetAsync(KubeResources.Pods, @namespace, name, ct), cancellationToken);

    public Task<Pod> PatchStatusAsync(string? @namespace, string name, JsonObject patch, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(
            options.RequestTimeout,
            time,
            $"PATCH pod {@namespace}/{name} status",
            ct => client.PatchStatusAsync(KubeResources.Pods, @namespace, name, KubePatch.StrategicMerge(patch), ct),
            cancellationToken);

    public Task DeleteAsync(string? @namespace, string name, DeleteOptions deleteOptions, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(options.RequestTimeout, time, $"DELETE pod {@namespace}/{name}", ct => client.DeleteAsync(KubeResources.Pods, @namespace, name, deleteOptions, ct), cancellationToken);

    public Task<Pod> CreateAsync(Pod pod, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(
            options.RequestTimeout, time, $"POST pod {pod?.Metadata?.Namespace}/{pod?.Metadata?.Name}", ct => client.CreateAsync(KubeResources.Pods, pod!.Metadata!.Namespace, pod, ct), cancellationToken);

    public Task<Node> GetNodeAsync(string name, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(options.RequestTimeout, time, $"GET node {name}", ct => client.GetAsync(KubeResources.Nodes, null, name, ct), cancellationToken);
}
