using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.TestSupport;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// The volume manager with fake objects and a fake mount table, on real files under a temporary root.
public sealed class VolumeManagerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("volume-manager-").FullName;
    private readonly FakeObjects objects = new();
    private readonly FakeMounts mounts = new();
    private readonly PodDirectories dirs;
    private readonly VolumeManager manager;

    public VolumeManagerTests()
    {
        dirs = new PodDirectories(root);
        var payloads = new ObjectPayloads(objects);
        var files = new ProjectedFiles(dirs, new AtomicWriter(new FakeTimeProvider()));
        manager = new VolumeManager(dirs, [new EmptyDirPlugin(dirs), new ConfigMapPlugin(payloads, files)], payloads, new NoApiTokenSource(), mounts);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task ConfigMapVolume_EditReachesTheFilesOnTheNextSetUp()
    {
        objects.ConfigMaps["default/app"] = new ConfigMap { Data = new() { ["mode"] = "fast" } };
        var pod = Pod(new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app" } });

        var mounted = await manager.SetUpPodVolumesAsync(pod, CancellationToken.None);
        File.ReadAllText(Path.Combine(mounted["cfg"].HostPath, "mode")).ShouldBe("fast");
        mounted["cfg"].ReadOnly.ShouldBeTrue();

        objects.ConfigMaps["default/app"] = new ConfigMap { Data = new() { ["mode"] = "slow" } };
        await manager.SetUpPodVolumesAsync(pod, CancellationToken.None, remountOnly: true);

        File.ReadAllText(Path.Combine(mounted["cfg"].HostPath, "mode")).ShouldBe("slow");
    }

    [Fact]
    public async Task OneVolumeFails_TheOthersAreSetUp_AndTheFailureNamesVolumeAndObject()
    {
        var pod = Pod(
            new Volume { Name = "missing", ConfigMap = new ConfigMapVolumeSource { Name = "ghost" } },
            new Volume { Name = "unsupported", Nfs = System.Text.Json.JsonDocument.Parse("{}").RootElement },
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() });

        var ex = await Should.ThrowAsync<PodVolumesException>(() => manager.SetUpPodVolumesAsync(pod, CancellationToken.None));

        ex.Failures.Select(f => f.Message).ShouldBe([
            "volume \"missing\": configmap \"ghost\" not found in namespace \"default\"",
            "volume \"unsupported\": volume type \"nfs\" is not supported by Sharplet",
        ]);
        Directory.Exists(dirs.VolumeDir("uid-1", "kubernetes.io~empty-dir", "scratch")).ShouldBeTrue();
    }

    [Fact]
    public async Task OptionalConfigMapMissing_MountsAnEmptyVolume()
    {
        var pod = Pod(new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "ghost", Optional = true } });

        var mounted = await manager.SetUpPodVolumesAsync(pod, CancellationToken.None);

        // Only the writer's own entries (..data and its timestamped directory): no user-visible file.
        Directory.EnumerateFileSystemEntries(mounted["cfg"].HostPath).Select(Path.GetFileName).ShouldAllBe(n => n!.StartsWith("..", StringComparison.Ordinal));
        File.Exists(Path.Combine(mounted["cfg"].HostPath, "..data", "anything")).ShouldBeFalse();
        new FileInfo(Path.Combine(mounted["cfg"].HostPath, "..data")).LinkTarget.ShouldNotBeNull();
    }

    [Fact]
    public async Task TearDown_MountThatWillNotGo_KeepsThePodDirectory_NeverDeletesThroughIt()
    {
        await manager.SetUpPodVolumesAsync(Pod(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() }), CancellationToken.None);
        var volume = dirs.VolumeDir("uid-1", "kubernetes.io~empty-dir", "scratch");
        File.WriteAllText(Path.Combine(volume, "host-data"), "precious");
        mounts.Mounted.Add(volume);
        mounts.Stuck = true;

        var problems = manager.TearDownPod("uid-1");

        problems.ShouldContain(p => p.Contains("still mounted", StringComparison.Ordinal));
        File.ReadAllText(Path.Combine(volume, "host-data")).ShouldBe("precious");

        mounts.Stuck = false;
        manager.TearDownPod("uid-1").ShouldBeEmpty();
        Directory.Exists(dirs.PodDir("uid-1")).ShouldBeFalse();
        objects.Released.ShouldBe(["uid-1", "uid-1"]);
    }

    [Fact]
    public async Task ItemPathLeavingTheVolume_FailsThatVolumeNamingItsPath_OthersAreSetUp()
    {
        // The API server and static-pod validation refuse this first; the volume layer refuses it again.
        objects.ConfigMaps["default/app"] = new ConfigMap { Data = new() { ["k"] = "v" } };
        var pod = Pod(
            new Volume { Name = "cfg", ConfigMap = new ConfigMapVolumeSource { Name = "app", Items = [new KeyToPath { Key = "k", Path = "../escape" }] } },
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() });

        var failure = (await Should.ThrowAsync<PodVolumesException>(() => manager.SetUpPodVolumesAsync(pod, CancellationToken.None))).Failures.ShouldHaveSingleItem();

        failure.Message.ShouldContain("volume \"cfg\"");
        failure.Message.ShouldContain("must not contain '..': ../escape");
        Directory.Exists(dirs.VolumeDir("uid-1", "kubernetes.io~empty-dir", "scratch")).ShouldBeTrue();
        File.Exists(Path.Combine(root, "pods", "uid-1", "volumes", "kubernetes.io~configmap", "escape")).ShouldBeFalse();
    }

    [Fact]
    public async Task EmptyDirWithFsGroup_GetsGroupAndSetgid_KeptByLaterSetUps()
    {
        // Another group needs root; unprivileged, the test's own group still shows the bits.
        var gid = Environment.IsPrivilegedProcess ? 4321 : NativeFiles.GroupOf(root);
        var pod = Pod(new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() });
        pod.Spec!.SecurityContext = new PodSecurityContext { FsGroup = gid };

        var path = (await manager.SetUpPodVolumesAsync(pod, CancellationToken.None))["scratch"].HostPath;
        File.WriteAllText(Path.Combine(path, "made-by-container"), "x");
        await manager.SetUpPodVolumesAsync(pod, CancellationToken.None);

        NativeFiles.GroupOf(path).ShouldBe(gid);
        ((int)File.GetUnixFileMode(path)).ShouldBe(0b010_111_111_111);
    }

    private static Pod Pod(params Volume[] volumes)
    {
        var pod = new PodBuilder().Container("c").Build();
        pod.Spec!.Volumes = [.. volumes];
        return pod;
    }

    private sealed class FakeObjects : IVolumeObjectSource
    {
        public Dictionary<string, ConfigMap> ConfigMaps { get; } = [];

        public List<string> Released { get; } = [];

        public string? UnavailableReason => null;

        public Task<ConfigMap?> GetConfigMapAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(ConfigMaps.GetValueOrDefault($"{@namespace}/{name}"));

        public Task<Secret?> GetSecretAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult<Secret?>(new Secret { Data = new() { ["k"] = Encoding.UTF8.GetBytes("v") } });

        public void ReleasePod(string podUid) => Released.Add(podUid);
    }

    private sealed class FakeMounts : IMountTable
    {
        public List<string> Mounted { get; } = [];

        public bool Stuck { get; set; }

        public IReadOnlyList<MountInfo> Read() => Mounted.Select(m => new MountInfo(m, "/", "ext4", "/dev/sda1", [])).ToList();

        public void Unmount(string mountPoint)
        {
            if (!Stuck)
            {
                Mounted.Remove(mountPoint);
            }
        }
    }
}
