using System.Text;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Volumes;

// persistentVolumeClaim volumes on the real control plane: a local PersistentVolume pinned to the test node
// by nodeAffinity, bound to a claim by the controller-manager's PV binder (not by the test), mounted into a
// pod whose writes land in the PV's directory on the host; a missing or unbound claim is a FailedMount naming
// it, and the pod's other volumes are set up all the same.
public sealed class PersistentVolumeTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;
    private string hostDir = null!;

    private string PvName => $"{cluster.Namespace}-local";

    // The class only pairs this test's claim with this test's PV; no StorageClass object exists, so binding
    // is immediate (upstream binds at once when the class is not found).
    private string ClassName => $"sharplet-{cluster.Namespace}";

    public async Task InitializeAsync()
    {
        cluster = await ConnectedCluster.StartAsync("pvc");
        await VolumeCluster.CreateClusterObjectsAsync(cluster);
        hostDir = Path.Combine(Path.GetDirectoryName(cluster.Node.Settings.RootDir)!, "local-pv");
        Directory.CreateDirectory(hostDir);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        try
        {
            using var admin = KubeClient.TestApiServer.Admin();
            await admin.DeleteAsync(KubeResources.PersistentVolumes, null, PvName, null, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
    }

    [Fact]
    public async Task LocalPvBoundByTheController_PodWritesLandOnTheHostPath_AndSurviveThePodsRemoval()
    {
        await PostAsync("/api/v1/persistentvolumes", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject { ["name"] = PvName },
            ["spec"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["storage"] = "1Gi" },
                ["accessModes"] = new JsonArray("ReadWriteOnce"),
                ["persistentVolumeReclaimPolicy"] = "Retain",
                ["storageClassName"] = ClassName,
                ["local"] = new JsonObject { ["path"] = hostDir },
                ["nodeAffinity"] = new JsonObject
                {
                    ["required"] = new JsonObject
                    {
                        ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                        {
                            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "kubernetes.io/hostname", ["operator"] = "In", ["values"] = new JsonArray(cluster.NodeName) }),
                        }),
                    },
                },
            },
        });
        await PostAsync($"/api/v1/namespaces/{cluster.Namespace}/persistentvolumeclaims", Claim("data", ClassName));
        var bound = await ApiPoll.UntilAsync(() => cluster.Admin.GetAsync(KubeResources.PersistentVolumeClaims, cluster.Namespace, "data", CancellationToken.None),
            c => c.Status?.Phase == "Bound", $"claim {cluster.Namespace}/data bound by the controller-manager", VolumeCluster.Timeout, c => c.Status?.Phase ?? "(no phase)");
        bound.Spec!.VolumeName.ShouldBe(PvName);

        var pod = cluster.Pod("writer", "sh", "-c", "echo from-the-pod > /data/out; sleep 3600");
        pod.Spec!.Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "data" } }];
        pod.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }];
        await cluster.CreateAsync(pod);
        var running = await VolumeCluster.WaitRunningAsync(cluster, "writer");

        var file = Path.Combine(hostDir, "out");
        await ApiPoll.UntilAsync(() => Task.FromResult(File.Exists(file) ? File.ReadAllText(file) : string.Empty), t => t.Length > 0,
            $"{file} written by pod {cluster.Namespace}/writer", VolumeCluster.Timeout);
        File.ReadAllText(file).ShouldBe("from-the-pod\n");

        // A local PV is bind-mounted into the pod's directory, as upstream's local plugin does.
        var target = Path.Combine(cluster.Node.Settings.RootDir, "pods", running.Metadata!.Uid!, "volumes", "kubernetes.io~local-volume", PvName);
        Sharplet.Cm.MountInfo.IsMountPoint(target).ShouldBeTrue();

        // Removing the pod unmounts the PV and never deletes through the mount: the data stays on the host.
        await cluster.Admin.DeleteAsync(KubeResources.Pods, cluster.Namespace, "writer", null, CancellationToken.None);
        var podDir = Path.GetFullPath(Path.Combine(target, "..", "..", ".."));
        await ApiPoll.UntilAsync(() => Task.FromResult(Directory.Exists(podDir) ? "present" : string.Empty), left => left.Length == 0,
            $"pod {cluster.Namespace}/writer's directory {podDir} removed", VolumeCluster.Timeout);
        File.ReadAllText(file).ShouldBe("from-the-pod\n");
    }

    [Fact]
    public async Task MissingAndUnboundClaims_FailedMountNamesEachClaim_OtherVolumesStillSetUp()
    {
        // A class no PV has: the claim stays Pending.
        await PostAsync($"/api/v1/namespaces/{cluster.Namespace}/persistentvolumeclaims", Claim("waiting", ClassName + "-none"));
        var pod = cluster.Pod("claims");
        pod.Spec!.Volumes =
        [
            new Volume { Name = "gone", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "absent" } },
            new Volume { Name = "pending", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "waiting" } },
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() },
        ];
        pod.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "gone", MountPath = "/gone" }, new VolumeMount { Name = "pending", MountPath = "/pending" }];
        await cluster.CreateAsync(pod);

        var missing = await VolumeCluster.WaitForEventAsync(cluster, "claims", "FailedMount", "persistentvolumeclaim \"absent\" not found");
        var unbound = await VolumeCluster.WaitForEventAsync(cluster, "claims", "FailedMount", $"PVC {cluster.Namespace}/waiting has non-bound phase (\"Pending\")");

        missing.Message!.ShouldContain("volume \"gone\"");
        missing.Message!.ShouldContain($"in namespace \"{cluster.Namespace}\"");
        unbound.Message!.ShouldContain("volume \"pending\"");
        var (_, waiting) = await cluster.Watch.WaitForAsync(cluster.Namespace, "claims", "waiting ContainerCreating", p =>
            ConnectedCluster.Container(p)?.State?.Waiting?.Reason == "ContainerCreating", VolumeCluster.Timeout);
        var uid = waiting!.Metadata!.Uid!;
        Directory.Exists(Path.Combine(cluster.Node.Settings.RootDir, "pods", uid, "volumes", "kubernetes.io~empty-dir", "scratch")).ShouldBeTrue();
        var access = Path.Combine(cluster.Node.Settings.RootDir, "pods", uid, "volumes", "kubernetes.io~projected");
        Path.GetFileName(Directory.EnumerateDirectories(access).ShouldHaveSingleItem()).ShouldStartWith("kube-api-access-");
    }

    private static JsonObject Claim(string name, string className) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["storageClassName"] = className,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "1Gi" } },
        },
    };

    private async Task PostAsync(string path, JsonObject body)
    {
        using var response = await cluster.Admin.SendAsync(
            new KubeRequest(HttpMethod.Post, path, Body: Encoding.UTF8.GetBytes(body.ToJsonString()), ContentType: "application/json"), CancellationToken.None);
    }
}
