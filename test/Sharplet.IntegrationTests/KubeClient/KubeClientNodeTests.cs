using System.Globalization;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.KubeClient;

// What a kubelet does with its own node identity (CN=system:node:NAME, O=system:nodes): register its Node
// and patch its status; the Node authorizer and NodeRestriction refuse another node's object.
public sealed class KubeClientNodeTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly string nodeName = TestApiServer.UniqueName("kc-node");
    private KubeApiClient node = null!;

    public Task InitializeAsync()
    {
        // A node of our own (not SHARPLET_TEST_NODE_NAME, which other test classes use): minted like `scripts/test-apiserver node-kubeconfig`.
        var user = TestApiServer.MintCertificateUser($"system:node:{nodeName}", $"CN=system:node:{nodeName}, O=system:nodes");
        node = TestApiServer.Client(TestApiServer.WithUser(user));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await admin.DeleteAsync(KubeResources.Nodes, null, nodeName, null, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }

        node.Dispose();
        admin.Dispose();
    }

    [Fact]
    public async Task Node_RegistersItselfAndPatchesItsStatus()
    {
        var created = await node.CreateAsync(KubeResources.Nodes, null, new Node { Metadata = new ObjectMeta { Name = nodeName, Labels = new() { ["kubernetes.io/hostname"] = nodeName } } }, CancellationToken.None);
        created.Metadata!.Uid.ShouldNotBeNullOrEmpty();

        var heartbeat = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var ready = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" },
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "sharplet is posting ready status", ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = heartbeat },
                    new JsonObject { ["type"] = "MemoryPressure", ["status"] = "False", ["reason"] = "KubeletHasSufficientMemory", ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = heartbeat }),
            },
        };
        var patched = await node.PatchStatusAsync(KubeResources.Nodes, null, nodeName, KubePatch.StrategicMerge(ready), CancellationToken.None);
        patched.Status!.Conditions!.Single(c => c.Type == "Ready").Status.ShouldBe("True");
        patched.Status.Capacity!["pods"].ToString().ShouldBe("110");

        // Strategic merge keys conditions by type: patching one keeps the other.
        var notReady = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["reason"] = "KubeletNotReady", ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = heartbeat }),
            },
        };
        var second = await node.PatchStatusAsync(KubeResources.Nodes, null, nodeName, KubePatch.StrategicMerge(notReady), CancellationToken.None);
        second.Status!.Conditions!.Select(c => $"{c.Type}={c.Status}").ShouldBe(["Ready=False", "MemoryPressure=False"], ignoreOrder: true);

        // The controller-manager's node lifecycle controller may write the Node too (a taint for the NotReady
        // condition just patched), so the read is at least the patch's version, not necessarily equal (seen in CI).
        var read = await node.GetAsync(KubeResources.Nodes, null, nodeName, CancellationToken.None);
        long.Parse(read.Metadata!.ResourceVersion!, CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(long.Parse(second.Metadata!.ResourceVersion!, CultureInfo.InvariantCulture));
        read.Status!.Conditions!.Single(c => c.Type == "Ready").Status.ShouldBe("False");
    }

    [Fact]
    public async Task Node_PatchingAnotherNode_Is403NamingTheUser()
    {
        var other = TestApiServer.UniqueName("kc-other");
        await admin.CreateAsync(KubeResources.Nodes, null, new Node { Metadata = new ObjectMeta { Name = other } }, CancellationToken.None);
        try
        {
            var patch = KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } });

            var ex = await Should.ThrowAsync<KubeApiException>(() => node.PatchAsync(KubeResources.Nodes, null, other, patch, CancellationToken.None));

            ex.Code.ShouldBe(403);
            ex.Reason.ShouldBe(StatusReason.Forbidden);
            ex.Message.ShouldContain($"as user \"system:node:{nodeName}\" from kubeconfig /test/system:node:{nodeName}.kubeconfig");
        }
        finally
        {
            await admin.DeleteAsync(KubeResources.Nodes, null, other, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task SharedNodeKubeconfig_LoadsAndCanReadPods()
    {
        // The identity scripts/test-apiserver wrote, read through the kubeconfig loader: list only (other classes use it).
        using var shared = TestApiServer.Client(KubeconfigLoader.Load(TestApiServer.NodeKubeconfig));
        shared.Config.User.Name.ShouldBe($"system:node:{TestApiServer.NodeName}");

        var pods = await shared.ListAsync(KubeLists.Pods, null, new ListOptions(FieldSelector: $"spec.nodeName={TestApiServer.NodeName}", Limit: 1), CancellationToken.None);

        pods.Metadata!.ResourceVersion.ShouldNotBeNullOrEmpty();
    }
}
