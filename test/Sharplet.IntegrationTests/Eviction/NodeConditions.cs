using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Eviction;

// The node's conditions in the API, as the control plane reads them.
internal static class NodeConditions
{
    public static async Task WaitForAsync(ConnectedCluster cluster, string type, string status, string reason)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        NodeCondition? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var node = await cluster.Admin.GetAsync(KubeResources.Nodes, null, cluster.NodeName, CancellationToken.None);
            last = node.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
            if (last?.Status == status && last.Reason == reason)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"node {cluster.NodeName}: condition {type} did not become {status}/{reason} within 60s; last: {last?.Status}/{last?.Reason}");
    }

    // Under DiskPressure a new pod is refused at admission with upstream's reason and message (rejectPod).
    public static async Task NewPodIsRefusedUnderDiskPressureAsync(ConnectedCluster cluster, string name)
    {
        await cluster.CreateAsync(cluster.Pod(name));
        var (_, refused) = await cluster.Watch.WaitForAsync(cluster.Namespace, name, "refused under disk pressure", p => p?.Status?.Phase == "Failed", TimeSpan.FromSeconds(60));
        refused!.Status!.Reason.ShouldBe("Evicted");
        refused.Status.Message.ShouldBe("Pod was rejected: The node had condition: [DiskPressure]. ");
    }
}
