using System.Text.Json;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Server;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Cluster;

// What a cluster's user does: `kubectl create deployment`, no opt-outs. The Deployment and ReplicaSet
// controllers make the pods, the scheduler binds them to the Sharplet node (the test's own, chosen by its
// hostname label because other tests' nodes are in the cluster too), Sharplet runs them.
public sealed class DeploymentTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly Kubectl kubectl = new(TestApiServer.AdminKubeconfig);
    private ClusterNode node = null!;
    private string ns = null!;

    public async Task InitializeAsync()
    {
        ns = await TestApiServer.CreateNamespaceAsync(admin, "deploy");
        node = await ClusterNode.StartAsync(admin, "deploy");
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        await kubectl.RunAsync("delete", "namespace", ns, "--wait=false");
        admin.Dispose();
    }

    [Fact]
    public async Task KubectlCreateDeployment_IsScheduledOntoTheSharpletNode_AndItsPodsRun()
    {
        await node.WaitForReadyAsync("True", TimeSpan.FromSeconds(60));

        // Zero replicas until the template says which node: no pod lands on another test's node meanwhile.
        await kubectl.OkAsync("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=0", "--", "sleep", "3600");
        await kubectl.OkAsync("-n", ns, "patch", "deployment", "web", "-p",
            "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + node.NodeName + "\"},\"terminationGracePeriodSeconds\":1}}}}");
        await kubectl.OkAsync("-n", ns, "scale", "deployment", "web", "--replicas=2");
        var (code, stdout, stderr) = await kubectl.RunAsync(null, TimeSpan.FromSeconds(150), "-n", ns, "rollout", "status", "deployment/web", "--timeout=120s");
        code.ShouldBe(0, $"rollout of deployment {ns}/web: {stdout}{stderr}; pods: {(await kubectl.RunAsync("-n", ns, "get", "pods", "-o", "wide")).Stdout}");

        using var pods = JsonDocument.Parse(await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=web", "-o", "json"));
        var items = pods.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        foreach (var pod in items)
        {
            var name = pod.GetProperty("metadata").GetProperty("name").GetString();
            pod.GetProperty("metadata").GetProperty("ownerReferences")[0].GetProperty("kind").GetString().ShouldBe("ReplicaSet", name);
            pod.GetProperty("spec").GetProperty("nodeName").GetString().ShouldBe(node.NodeName, name);
            pod.GetProperty("status").GetProperty("phase").GetString().ShouldBe("Running", name);
            var conditions = pod.GetProperty("status").GetProperty("conditions").EnumerateArray()
                .ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("status").GetString());
            conditions["PodScheduled"].ShouldBe("True", $"{name}: bound by the scheduler");
            conditions["Ready"].ShouldBe("True", name);
        }

        // The scheduler's own record of the binding (v1.20's scheduler writes events.k8s.io events: reportingComponent).
        var events = await kubectl.OkAsync("-n", ns, "get", "events", "--field-selector", "reason=Scheduled", "-o", "jsonpath={range .items[*]}{.reportingComponent}{.source.component}|{.message}{\"\\n\"}{end}");
        events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("default-scheduler|", StringComparison.Ordinal) && l.Contains($"to {node.NodeName}", StringComparison.Ordinal)).ShouldBe(2, events);
    }
}
