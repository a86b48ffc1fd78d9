using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Cluster;

// A Sharplet node of one test on the test cluster, joined as a kubelet joins: its own name and node identity,
// the Node object registered by Sharplet itself. It can be stopped (the Node object stays, as a powered-off
// machine's does) and started again under the same name. Disposing removes the node and its Node and Lease.
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly KubeApiClient admin;
    private readonly SharpletSettings settings;
    private SharpletNode? node;

    private ClusterNode(KubeApiClient admin, SharpletSettings settings)
    {
        this.admin = admin;
        this.settings = settings;
    }

    public string NodeName => settings.HostnameOverride!;

    public SharpletNode Node => node ?? throw new InvalidOperationException($"node {NodeName} is stopped");

    public static async Task<ClusterNode> StartAsync(KubeApiClient admin, string test)
    {
        var cluster = new ClusterNode(admin, SharpletNode.DefaultSettings(test));
        await cluster.StartAgainAsync();
        return cluster;
    }

    // Another Sharplet process would do the same: same name, root dir and identity.
    public async Task StartAgainAsync()
    {
        settings.Kubeconfig = NodeKubeconfig.Write(Path.GetDirectoryName(settings.RootDir)!, NodeName);
        Directory.CreateDirectory(settings.StaticPodPath!);
        node = await SharpletNode.StartAsync(settings);
    }

    public async Task StopAsync()
    {
        if (node is { } running)
        {
            node = null;
            await running.DisposeAsync();
        }
    }

    public Task<Node> GetAsync() => admin.GetAsync(KubeResources.Nodes, null, NodeName, CancellationToken.None);

    // Until the Node's Ready condition has this status ("True", "Unknown").
    public Task<Node> WaitForReadyAsync(string status, TimeSpan timeout) =>
        ApiPoll.UntilAsync(GetAsync, n => Ready(n)?.Status == status, $"node {NodeName} Ready={status}", timeout,
            n => KubeJson.Serialize(n.Status?.Conditions ?? []) + " taints " + KubeJson.Serialize(n.Spec?.Taints ?? []));

    public static NodeCondition? Ready(Node node) => node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Nodes, null, NodeName, null, CancellationToken.None));
        await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", NodeName, null, CancellationToken.None));
    }

    private static async Task DeleteQuietlyAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
    }
}
