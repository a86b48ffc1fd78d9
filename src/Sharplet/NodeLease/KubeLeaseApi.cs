using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.NodeLease;

// ILeaseApi on the process's shared KubeApiClient, each call bounded by the heartbeat deadline.
internal sealed class KubeLeaseApi(KubeApiClient client, TimeSpan callTimeout, TimeProvider time) : ILeaseApi
{
    public Task<Lease> GetAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        ApiDeadline.RunAsync(callTimeout, time, $"GET lease {namespaceName}/{name}", ct => client.GetAsync(KubeResources.Leases, namespaceName, name, ct), cancellationToken);

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return ApiDeadline.RunAsync(
            callTimeout, time, $"POST lease {lease.Metadata?.Namespace}/{lease.Metadata?.Name}", ct => client.CreateAsync(KubeResources.Leases, lease.Metadata?.Namespace, lease, ct), cancellationToken);
    }

    public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return ApiDeadline.RunAsync(
            callTimeout, time, $"PUT lease {lease.Metadata?.Namespace}/{lease.Metadata?.Name}", ct => client.UpdateAsync(KubeResources.Leases, lease.Metadata?.Namespace, lease, ct), cancellationToken);
    }

    public async Task<string> GetNodeUidAsync(string nodeName, CancellationToken cancellationToken)
    {
        var node = await ApiDeadline.RunAsync(callTimeout, time, $"GET node {nodeName}", ct => client.GetAsync(KubeResources.Nodes, null, nodeName, ct), cancellationToken)
            .ConfigureAwait(false);
        return node.Metadata?.Uid is { Length: > 0 } uid ? uid : throw new InvalidOperationException($"node {nodeName} has no metadata.uid");
    }
}
