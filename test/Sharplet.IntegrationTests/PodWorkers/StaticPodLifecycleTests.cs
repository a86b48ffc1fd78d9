using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class StaticPodLifecycleTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("static"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task RemovingTheManifest_StopsThePodAndCleansEverything()
    {
        node.WriteManifest(new StaticPod("gone").GracePeriod(1)
            .Shell("main", "echo hello; sleep 3600").Mount("scratch", "/scratch")
            .EmptyDir("scratch", medium: "Memory"));
        var running = await node.WaitForAsync("gone", "Running", e => e.Status.Phase == PodPhase.Running);
        var uid = running.Pod.Metadata!.Uid!;
        var podDir = Path.Combine(node.Settings.RootDir, "pods", uid);
        var logDir = Path.Combine(node.Settings.PodLogsDir, $"default_{node.PodName("gone")}_{uid}");
        Directory.Exists(podDir).ShouldBeTrue();
        File.Exists(Path.Combine(logDir, "main", "0.log")).ShouldBeTrue();
        MountInfo.ReadAll().ShouldContain(m => m.MountPoint.StartsWith(podDir, StringComparison.Ordinal));
        var podCgroups = CgroupHierarchy.Detect().AllMounts.Select(m => $"{m}/kubepods/besteffort/pod{uid}").ToList();
        podCgroups.ShouldContain(d => Directory.Exists(d));

        node.DeleteManifest("gone.yaml");
        await node.WaitForGoneAsync("gone");

        (await node.SandboxesAsync("gone")).ShouldBeEmpty();
        Directory.Exists(podDir).ShouldBeFalse();
        Directory.Exists(logDir).ShouldBeFalse();
        MountInfo.ReadAll().ShouldNotContain(m => m.MountPoint.StartsWith(podDir, StringComparison.Ordinal));
        podCgroups.ShouldNotContain(d => Directory.Exists(d));
    }

    [Fact]
    public async Task ManifestPutBackAfterRemoval_PodRunsAgain()
    {
        var yaml = StaticPod.Sleeper("again").ToYaml();
        node.WriteManifest("again.yaml", yaml);
        await node.WaitForAsync("again", "Running", e => e.Status.Phase == PodPhase.Running);
        node.DeleteManifest("again.yaml");
        await node.WaitForGoneAsync("again");

        node.WriteManifest("again.yaml", yaml);

        await node.WaitForAsync("again", "Running again", e => e.Status.Phase == PodPhase.Running);
    }

    // Deleting many files at once races the scan the first deletion triggers (a listed file is gone when it is
    // read); that once ended the folder's reader, and every later change went unseen.
    [Fact]
    public async Task ManyManifestsRemovedAtOnce_EveryPodStops_AndTheFolderIsStillWatched()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"many-{i}").ToList();
        foreach (var name in names)
        {
            node.WriteManifest(StaticPod.Sleeper(name));
        }

        foreach (var name in names)
        {
            await node.WaitForAsync(name, "Running", e => e.Status.Phase == PodPhase.Running);
        }

        var gone = names.Select(name => node.WaitForGoneAsync(name)).ToList();
        foreach (var name in names)
        {
            node.DeleteManifest(name + ".yaml");
        }

        await Task.WhenAll(gone);

        (await node.SandboxesAsync()).ShouldBeEmpty();
        node.WriteManifest(new StaticPod("after").Busybox("main", "sleep", "3600"));
        await node.WaitForAsync("after", "Running", e => e.Status.Phase == PodPhase.Running);
    }
}
