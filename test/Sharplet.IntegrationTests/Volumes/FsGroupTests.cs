using System.Text;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Volumes;

// securityContext.fsGroup seen from inside a container running as an unprivileged user: every volume type
// that gets ownership upstream (emptyDir on disk and in memory, configMap, secret, downwardAPI, projected)
// carries the group, directories are setgid so what the container creates inherits it, and the group's bits
// are what lets the user read a secret it does not own.
public sealed class FsGroupTests : IAsyncLifetime
{
    private const int FsGroup = 2345;
    private const string TokenDir = "/var/run/secrets/kubernetes.io/serviceaccount";
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await ConnectedCluster.StartAsync("fsgroup");
        await VolumeCluster.CreateClusterObjectsAsync(cluster);
    }

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task PodWithFsGroup_EveryVolumeHasTheGroup_NewFilesInheritIt_UserReadsSecretThroughTheGroup()
    {
        var ns = cluster.Namespace;
        await cluster.Admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap { Metadata = new ObjectMeta { Name = "app" }, Data = new() { ["mode"] = "fast" } }, CancellationToken.None);
        await cluster.Admin.CreateAsync(KubeResources.Secrets, ns, new Secret { Metadata = new ObjectMeta { Name = "creds" }, Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") } }, CancellationToken.None);
        var pod = cluster.Pod("owned");

        // User 1000 with primary group 3000: only fsGroup (a supplementary group) can give it the volumes' group.
        pod.Spec!.SecurityContext = new PodSecurityContext { FsGroup = FsGroup, RunAsUser = 1000, RunAsGroup = 3000 };
        pod.Spec.Volumes =
        [
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = StorageMedium.Memory } },
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app" } },
            new Volume { Name = "sec", Secret = new SecretVolumeSource { SecretName = "creds", DefaultMode = 288 } }, // 0440: owner root, group reads
            new Volume
            {
                Name = "info",
                DownwardAPI = new DownwardAPIVolumeSource { Items = [new DownwardAPIVolumeFile { Path = "name", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } }] },
            },
        ];
        pod.Spec.Containers![0].VolumeMounts =
        [
            new VolumeMount { Name = "scratch", MountPath = "/scratch" },
            new VolumeMount { Name = "mem", MountPath = "/mem" },
            new VolumeMount { Name = "cfg", MountPath = "/cfg" },
            new VolumeMount { Name = "sec", MountPath = "/sec" },
            new VolumeMount { Name = "info", MountPath = "/info" },
        ];
        await cluster.CreateAsync(pod);
        var running = await VolumeCluster.WaitRunningAsync(cluster, "owned");

        (await VolumeCluster.ShAsync(cluster, running, "id -u; id -G | tr ' ' '\\n' | grep -x 2345")).ShouldBe("1000\n2345\n");
        (await VolumeCluster.ShAsync(cluster, running, $"stat -L -c %g /scratch /mem /cfg/mode /sec/password /info/name {TokenDir}/token"))
            .ShouldBe(string.Concat(Enumerable.Repeat($"{FsGroup}\n", 6)));

        // emptyDir: 0777 plus setgid, so a file the container makes belongs to the fsGroup, not to group 3000.
        (await VolumeCluster.ShAsync(cluster, running, "stat -c %a /scratch /mem")).ShouldBe("2777\n2777\n");
        (await VolumeCluster.ShAsync(cluster, running, "mkdir /scratch/d && touch /scratch/d/f /mem/f && stat -c %g /scratch/d /scratch/d/f /mem/f"))
            .ShouldBe($"{FsGroup}\n{FsGroup}\n{FsGroup}\n");

        // The secret is 0440 root:2345: user 1000 reads it only as a member of the fsGroup.
        (await VolumeCluster.ShAsync(cluster, running, "stat -L -c '%u %a' /sec/password; cat /sec/password")).ShouldBe("0 440\ns3cret");
    }
}
