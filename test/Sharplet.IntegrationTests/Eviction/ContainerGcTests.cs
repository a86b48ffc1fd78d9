using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Eviction;

// Container garbage collection on the real containerd: a crash-looping static pod leaves dead containers; a GC
// pass keeps the newest dead one (lastState, logs --previous) and removes the older ones with their log files.
public sealed class ContainerGcTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("cgc");
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        settings.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(1);
        node = await SharpletNode.StartAsync(settings);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task DeadContainersBeyondOnePerContainer_AreRemovedWithTheirLogs_TheNewestDeadOneStays()
    {
        node.WriteManifest(new StaticPod("crashy").GracePeriod(0).Shell("main", "echo run; exit 1"));
        await node.WaitForAsync("crashy", "restarted at least 3 times", e => SharpletNode.Container(e, "main").RestartCount >= 3, TimeSpan.FromSeconds(90));
        var before = await DeadAsync();
        before.Count.ShouldBeGreaterThanOrEqualTo(3, "pod crashy: dead containers before GC");
        var oldest = before[^1];
        var logDir = Path.GetDirectoryName(oldest.LogPath)!;
        File.Exists(oldest.LogPath).ShouldBeTrue($"pod crashy: log of the oldest dead container {oldest.LogPath}");

        await node.Service<ContainerGcLoop>().CollectAsync(evictNonDeletedPods: false, CancellationToken.None);

        var after = await DeadAsync();
        var afterIds = after.Select(c => c.Id).ToHashSet();
        before.Skip(1).Where(c => afterIds.Contains(c.Id)).Select(c => c.Id).ShouldBeEmpty("pod crashy: every dead container but the newest is removed");

        // The newest dead container before the pass is still there unless a newer one died since (then at most
        // that one and the one before it remain: one kept per container, plus one that died after the listing).
        after.Count.ShouldBeLessThanOrEqualTo(2, "pod crashy: dead containers after GC");
        File.Exists(oldest.LogPath).ShouldBeFalse("pod crashy: the removed container's log file goes with it");
        Directory.EnumerateFiles(logDir, "*.log").ShouldNotBeEmpty("pod crashy: the kept container's log stays");
    }

    // This node's dead containers of pod crashy, newest first.
    private async Task<List<ContainerStatus>> DeadAsync()
    {
        var sandboxes = await node.SandboxesAsync("crashy");
        var dead = new List<ContainerStatus>();
        foreach (var sandbox in sandboxes)
        {
            foreach (var c in await node.Runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = sandbox.Id }, CancellationToken.None))
            {
                if (c.State == ContainerState.ContainerExited)
                {
                    dead.Add((await node.Runtime.ContainerStatusAsync(c.Id, false, CancellationToken.None)).Status);
                }
            }
        }

        return dead.OrderByDescending(c => c.CreatedAt).ToList();
    }
}
