using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;

namespace Sharplet.IntegrationTests.Volumes;

// The kube-api-access-* volume every pod of a real cluster gets, on the real containerd and API server: a
// TokenRequest token bound to the pod, the cluster's CA from kube-root-ca.crt, the namespace from the
// downward API, all behind the atomic writer's ..data link on a tmpfs.
public sealed class ProjectedVolumeTests : IAsyncLifetime
{
    private const string Dir = "/var/run/secrets/kubernetes.io/serviceaccount";
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await ConnectedCluster.StartAsync("projected");
        await VolumeCluster.CreateClusterObjectsAsync(cluster);
    }

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task KubeApiAccessVolume_TokenCaAndNamespaceReadable_TokenPassesTokenReview()
    {
        var pod = cluster.Pod("api-access");

        // What ServiceAccount admission sets (it is off on the test server until the cluster branch lands).
        pod.Spec!.ServiceAccountName = "default";
        pod.Spec.Volumes = [VolumeCluster.KubeApiAccess()];
        pod.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "kube-api-access-test", MountPath = Dir, ReadOnly = true }];
        await cluster.CreateAsync(pod);

        var running = await VolumeCluster.WaitRunningAsync(cluster, "api-access");

        (await VolumeCluster.ShAsync(cluster, running, $"cat {Dir}/namespace")).ShouldBe(cluster.Namespace);
        (await VolumeCluster.ShAsync(cluster, running, $"cat {Dir}/ca.crt")).ShouldBe(await File.ReadAllTextAsync(KubeClient.TestApiServer.CaPath));
        var token = await VolumeCluster.ShAsync(cluster, running, $"cat {Dir}/token");
        (await VolumeCluster.ReviewAsync(cluster, token)).ShouldBe($"system:serviceaccount:{cluster.Namespace}:default");

        // The layout of upstream's atomic writer: user-visible names are links through ..data, files 0644, on tmpfs.
        (await VolumeCluster.ShAsync(cluster, running, $"readlink {Dir}/token; readlink {Dir}/..data | cut -c1-3; stat -c %a {Dir}/..data/token"))
            .ShouldBe("..data/token\n..2\n644\n");
        (await VolumeCluster.ShAsync(cluster, running, $"grep ' {Dir} ' /proc/mounts | cut -d' ' -f3,4 | cut -c1-8")).ShouldBe("tmpfs ro\n");
    }

    private async Task SendAsync(HttpMethod method, string path, System.Text.Json.Nodes.JsonNode? body)
    {
        using var response = await cluster.Admin.SendAsync(
            new Sharplet.KubeClient.KubeRequest(method, path, Body: body is null ? null : System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), ContentType: body is null ? null : "application/json"),
            CancellationToken.None);
    }

    [Fact]
    public async Task TokenRequestRefused_FailedMountCarriesTheApiReason_OtherVolumesStillSetUp()
    {
        // The ServiceAccount admission refuses a pod whose account does not exist, so the account exists when the
        // pod is created and is gone when the node first sees it: the pod waits unscheduled (a scheduler nobody
        // runs), the account is deleted, then the test binds the pod to the node as the scheduler would.
        var account = new System.Text.Json.Nodes.JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "nobody-here" } };
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{cluster.Namespace}/serviceaccounts", account);
        var pod = cluster.Pod("no-account");
        var node = pod.Spec!.NodeName!;
        pod.Spec.NodeName = null;
        pod.Spec.SchedulerName = "nobody-schedules-this";
        pod.Spec.ServiceAccountName = "nobody-here";
        pod.Spec.Volumes = [VolumeCluster.KubeApiAccess(), new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() }];
        pod.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "kube-api-access-test", MountPath = Dir }];
        await cluster.CreateAsync(pod);
        await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{cluster.Namespace}/serviceaccounts/nobody-here", null);
        var binding = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Binding",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "no-account" },
            ["target"] = new System.Text.Json.Nodes.JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
        };
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{cluster.Namespace}/pods/no-account/binding", binding);

        var failed = await VolumeCluster.WaitForEventAsync(cluster, "no-account", "FailedMount", "serviceaccounts \"nobody-here\" not found");

        failed.Message!.ShouldContain("volume \"kube-api-access-test\"");
        failed.Message!.ShouldContain($"failed to fetch token for service account {cluster.Namespace}/nobody-here");
        var (_, waiting) = await cluster.Watch.WaitForAsync(cluster.Namespace, "no-account", "waiting ContainerCreating", p =>
            ConnectedCluster.Container(p)?.State?.Waiting?.Reason == "ContainerCreating", VolumeCluster.Timeout);
        waiting!.Status!.Phase.ShouldBe(PodPhase.Pending);
        var uid = waiting.Metadata!.Uid!;
        Directory.Exists(Path.Combine(cluster.Node.Settings.RootDir, "pods", uid, "volumes", "kubernetes.io~empty-dir", "scratch")).ShouldBeTrue();
    }
}
