using System.Text;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Volumes;

// configMap, secret and downwardAPI volumes on the real containerd and API server: items, modes, an edit
// reaching the running container, and bad references named in FailedMount events.
public sealed class ObjectVolumeTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    // A short sync period so an edit shows within seconds (upstream: within the sync period).
    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("objvol", s => s.SyncFrequency = TimeSpan.FromSeconds(2));

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ConfigMapSecretDownwardApi_ItemsAndModes_ConfigMapEditReachesRunningContainer()
    {
        var ns = cluster.Namespace;
        await cluster.Admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "app" },
            Data = new() { ["mode"] = "fast", ["other"] = "x" },
            BinaryData = new() { ["blob"] = [1, 2, 3] },
        }, CancellationToken.None);
        await cluster.Admin.CreateAsync(KubeResources.Secrets, ns, new Secret
        {
            Metadata = new ObjectMeta { Name = "creds" },
            Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
        }, CancellationToken.None);
        var pod = cluster.Pod("objects");
        pod.Metadata!.Labels = new() { ["tier"] = "web" };
        pod.Spec!.Volumes =
        [
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app", Items = [new KeyToPath { Key = "mode", Path = "conf/mode", Mode = 384 }] } },
            new Volume { Name = "all", ConfigMap = new ConfigMapVolumeSource { Name = "app", DefaultMode = 416 } },
            new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "creds", DefaultMode = 256 } },
            new Volume
            {
                Name = "info",
                DownwardAPI = new DownwardAPIVolumeSource
                {
                    Items =
                    [
                        new DownwardAPIVolumeFile { Path = "labels", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.labels" } },
                        new DownwardAPIVolumeFile { Path = "cpu", ResourceFieldRef = new ResourceFieldSelector { ContainerName = "c", Resource = "limits.cpu", Divisor = Quantity.Parse("1m") } },
                    ],
                },
            },
        ];
        pod.Spec.Containers![0].Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("250m") } };
        pod.Spec.Containers[0].VolumeMounts =
        [
            new VolumeMount { Name = "cfg", MountPath = "/cfg" },
            new VolumeMount { Name = "all", MountPath = "/all" },
            new VolumeMount { Name = "sec", MountPath = "/sec" },
            new VolumeMount { Name = "info", MountPath = "/info" },
        ];
        await cluster.CreateAsync(pod);

        var running = await VolumeCluster.WaitRunningAsync(cluster, "objects");

        (await VolumeCluster.ShAsync(cluster, running, "cat /cfg/conf/mode; echo; stat -L -c %a /cfg/conf/mode; ls /cfg")).ShouldBe("fast\n600\nconf\n");
        (await VolumeCluster.ShAsync(cluster, running, "ls /all; stat -L -c %a /all/mode; od -An -tu1 /all/blob | tr -s ' '")).ShouldBe("blob\nmode\nother\n640\n 1 2 3\n");
        (await VolumeCluster.ShAsync(cluster, running, "cat /sec/password; echo; stat -L -c %a /sec/password; grep ' /sec ' /proc/mounts | cut -d' ' -f3")).ShouldBe("s3cret\n400\ntmpfs\n");
        (await VolumeCluster.ShAsync(cluster, running, "cat /info/labels; echo; cat /info/cpu")).ShouldBe("tier=\"web\"\n250");

        var cm = await cluster.Admin.GetAsync(KubeResources.ConfigMaps, ns, "app", CancellationToken.None);
        cm.Data!["mode"] = "slow";
        await cluster.Admin.UpdateAsync(KubeResources.ConfigMaps, ns, cm, CancellationToken.None);

        var deadline = DateTimeOffset.UtcNow + VolumeCluster.Timeout;
        string seen;
        while ((seen = await VolumeCluster.ShAsync(cluster, running, "cat /cfg/conf/mode")) != "slow" && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        seen.ShouldBe("slow", $"the ConfigMap edit did not reach pod {ns}/objects within {VolumeCluster.Timeout.TotalSeconds}s");
    }

    [Fact]
    public async Task MissingConfigMapKeyAndSecret_FailedMountNamesObjectAndKey_OptionalSourcesMountWhatExists()
    {
        var ns = cluster.Namespace;
        await cluster.Admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap { Metadata = new ObjectMeta { Name = "partial" }, Data = new() { ["have"] = "1" } }, CancellationToken.None);
        var broken = cluster.Pod("broken");
        broken.Spec!.Volumes =
        [
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "partial", Items = [new KeyToPath { Key = "lacking", Path = "l" }] } },
            new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "ghost" } },
        ];
        var optional = cluster.Pod("optional");
        optional.Spec!.Volumes =
        [
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "partial", Optional = true, Items = [new KeyToPath { Key = "lacking", Path = "l" }, new KeyToPath { Key = "have", Path = "h" }] } },
            new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "ghost", Optional = true } },
        ];
        optional.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "cfg", MountPath = "/cfg" }];
        await cluster.CreateAsync(broken);
        await cluster.CreateAsync(optional);

        await VolumeCluster.WaitForEventAsync(cluster, "broken", "FailedMount", $"volume \"cfg\": configmap {ns}/partial has no key \"lacking\"");
        await VolumeCluster.WaitForEventAsync(cluster, "broken", "FailedMount", $"volume \"sec\": secret \"ghost\" not found in namespace \"{ns}\"");
        var running = await VolumeCluster.WaitRunningAsync(cluster, "optional");
        (await VolumeCluster.ShAsync(cluster, running, "ls /cfg; cat /cfg/h")).ShouldBe("h\n1");
    }
}
