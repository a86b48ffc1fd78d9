using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Pods;

// The pod calls of the status writer and the mirror pod reconciler (the pod side's INodeApi/ILeaseApi), so both
// can run against an in-memory API in tests. Failures are KubeApiException (404, 409 for a UID precondition
// or resourceVersion that no longer matches, AlreadyExists on create), KubeConnectionException or
// TimeoutException.
internal interface IPodApi
{
    Task<Pod> GetAsync(string? @namespace, string name, CancellationToken cancellationToken);

    // A strategic merge patch of pods/NAME/status; metadata.uid in the body is a precondition.
    Task<Pod> PatchStatusAsync(string? @namespace, string name, JsonObject patch, CancellationToken cancellationToken);

    Task DeleteAsync(string? @namespace, string name, DeleteOptions deleteOptions, CancellationToken cancellationToken);

    // Mirror pods are the only pods a kubelet creates.
    Task<Pod> CreateAsync(Pod pod, CancellationToken cancellationToken);

    // The Node, whose UID owns the mirror pods.
    Task<Node> GetNodeAsync(string name, CancellationToken cancellationToken);
}
