using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Nodes;

// --register-with-taints and --register-node on the real kube-apiserver (NodeRestriction admission on, as in a
// kubeadm cluster): the node's own credential creates it with the taints, a restart leaves the taints an operator
// changed alone (upstream taints only at creation), and a node that does not register is never created.
public sealed class NodeRegistrationFlagsTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly List<string> nodeNames = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var name in nodeNames)
        {
            await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Nodes, null, name, null, CancellationToken.None));
            await DeleteQuietlyAsync(() => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", name, null, CancellationToken.None));
        }

        admin.Dispose();
    }

    [Fact]
    public async Task RegisterWithTaints_NodeIsCreatedCarryingThem()
    {
        var settings = Connected("taints");
        settings.RegisterWithTaints = RegisterTaints.ParseFlag("dedicated=gpu:NoSchedule,example.com/draining:NoExecute", "--register-with-taints");
        await using var node = await SharpletNode.StartAsync(settings);

        var registered = await admin.GetAsync(KubeResources.Nodes, null, node.NodeName, CancellationToken.None);

        // The node lifecycle controller may add its own node.kubernetes.io taints next to these.
        var taints = registered.Spec!.Taints!;
        taints.ShouldContain(t => t.Key == "dedicated" && t.Value == "gpu" && t.Effect == TaintEffect.NoSchedule);
        taints.ShouldContain(t => t.Key == "example.com/draining" && string.IsNullOrEmpty(t.Value) && t.Effect == TaintEffect.NoExecute);
    }

    [Fact]
    public async Task SecondStart_DoesNotReapplyATaintTheOperatorRemoved()
    {
        var settings = Connected("retaint");
        settings.RegisterWithTaints = RegisterTaints.ParseFlag("dedicated=gpu:NoSchedule", "--register-with-taints");
        var name = settings.HostnameOverride!;
        await using (await SharpletNode.StartAsync(settings))
        {
            (await admin.GetAsync(KubeResources.Nodes, null, name, CancellationToken.None)).Spec!.Taints!.ShouldContain(t => t.Key == "dedicated");
        }

        // The operator untaints the node (kubectl taint node NAME dedicated-): a JSON merge patch replaces the list.
        var current = await admin.GetAsync(KubeResources.Nodes, null, name, CancellationToken.None);
        var kept = new System.Text.Json.Nodes.JsonArray();
        foreach (var taint in current.Spec!.Taints!.Where(t => t.Key != "dedicated"))
        {
            kept.Add(new System.Text.Json.Nodes.JsonObject { ["key"] = taint.Key, ["value"] = taint.Value, ["effect"] = taint.Effect });
        }

        await admin.PatchAsync(KubeResources.Nodes, null, name, KubePatch.Merge(new()
        {
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["taints"] = kept },
        }), CancellationToken.None);

        Directory.CreateDirectory(settings.StaticPodPath!);
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), name);
        await using var second = await SharpletNode.StartAsync(settings);

        second.Log.ShouldContain($"Information: Node {name} was previously registered");
        var after = await admin.GetAsync(KubeResources.Nodes, null, name, CancellationToken.None);
        (after.Spec?.Taints ?? []).ShouldNotContain(t => t.Key == "dedicated");
    }

    [Fact]
    public async Task RegisterNodeFalse_NodeIsNeverCreated_AndTaintsAreANoOp()
    {
        var settings = Connected("noregister");
        settings.RegisterNode = false;
        settings.RegisterWithTaints = RegisterTaints.ParseFlag("dedicated=gpu:NoSchedule", "--register-with-taints");
        settings.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1);
        var name = settings.HostnameOverride!;
        await using var node = await SharpletNode.StartAsync(settings);

        await LogWait.ForAsync(node, $"Node {name} does not exist and --register-node=false", TimeSpan.FromSeconds(10));

        // A status update has run against the missing node by now (it fails); it must not have created it.
        await LogWait.ForAsync(node, $"Unable to update the status of node {name}", TimeSpan.FromSeconds(20));
        var missing = await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.Nodes, null, name, CancellationToken.None));
        missing.IsNotFound.ShouldBeTrue();
    }

    private static string BaseDir(SharpletSettings settings) => Path.GetDirectoryName(settings.RootDir)!;

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

    private SharpletSettings Connected(string test)
    {
        var settings = SharpletNode.DefaultSettings(test);
        nodeNames.Add(settings.HostnameOverride!);
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), settings.HostnameOverride!);
        return settings;
    }
}
