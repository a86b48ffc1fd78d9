using Sharplet.Eviction;
using Sharplet.Server.Metrics;
using Sharplet.KubeClient;
using Xunit.Abstractions;

namespace Sharplet.IntegrationTests.Eviction;

// Disk pressure on a node whose images and root dir share one small filesystem (SharedDiskNode: a private
// containerd on a loop-mounted ext4): upstream's order of reclaim for nodefs without a dedicated imagefs, i.e.
// dead containers and unused images first, and a pod is evicted only when that did not free enough.
public sealed class SharedDiskEvictionTests(ITestOutputHelper output)
{
    private const long Mi = SharedDiskNode.Mi;

    [Fact]
    public async Task NodeFsPressure_RemovesUnusedImagesFirst_ThenEvictsThePod_RefusesNewPods_AndClearsAfterThePodIsGone()
    {
        await using var disk = await SharedDiskNode.StartAsync("diskgc");
        var cluster = disk.Cluster;
        var ns = cluster.Namespace;

        // More than the margin plus what removing every unused image can give back: image GC cannot relieve it.
        var fill = SharedDiskNode.Margin + SharedDiskNode.BulkyBytesAtMost + (20 * Mi);
        fill.ShouldBeLessThan(disk.AvailableAtStart - (10 * Mi), "the filesystem must hold what the pod writes");
        output.WriteLine($"available at start {disk.AvailableAtStart / Mi} MiB, threshold {disk.ThresholdQuantity}, pod writes {fill / Mi} MiB");
        var bulkyIds = new List<string>();
        foreach (var image in disk.Bulky)
        {
            bulkyIds.Add((await disk.ImageIdAsync(image)).ShouldNotBeNull($"unused image {image} is on the node"));
        }

        await disk.CreateFillerAsync("filler", fill);

        var (_, evicted) = await cluster.Watch.WaitForAsync(ns, "filler", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(120));
        output.WriteLine($"available after the eviction {disk.Available / Mi} MiB");

        // DiskPressure, and the images were collected before the pod was evicted.
        cluster.Node.Service<EvictionManager>().Current.Disk.ShouldBeTrue();
        var reclaim = disk.LogIndex("attempting to reclaim ephemeral-storage (threshold nodefs.available met)");
        var removal = disk.LogIndex("Image GC: removing image");
        var eviction = disk.LogIndex("the eviction manager evicts it for nodefs.available");
        reclaim.ShouldBeGreaterThanOrEqualTo(0, "the eviction manager reclaims node-level resources for nodefs.available");
        removal.ShouldBeGreaterThan(reclaim, "image GC runs in the reclaim");
        eviction.ShouldBeGreaterThan(removal, "the pod is evicted only after the images are gone");
        foreach (var image in disk.Bulky)
        {
            (await disk.HasImageAsync(image)).ShouldBeFalse($"unused image {image} was collected");
        }

        // Until the eviction only the unused images went: not busybox, which pod filler ran. (After it, the evicted
        // pod's dead container and then its image are fair game for the next reclaim while the pressure holds, as
        // upstream's.) The runtime's sandbox image is never collected.
        var log = cluster.Node.Log.ToList();
        log.Take(eviction).Where(l => l.Contains("Image GC: removing image ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("Image GC: removing image ", StringComparison.Ordinal) + "Image GC: removing image ".Length)..].Split(' ')[0])
            .ShouldBe(bulkyIds, ignoreOrder: true, "only the unused images were removed before the eviction");
        (await disk.HasImageAsync("sharplet.local/pause:3.9")).ShouldBeTrue("the runtime's sandbox image was kept");

        var status = evicted!.Status!;
        status.Phase.ShouldBe("Failed");
        status.Message.ShouldStartWith($"The node was low on resource: ephemeral-storage. Threshold quantity: {disk.ThresholdQuantity}, available: ");
        var writer = new ExpositionWriter();
        cluster.Node.Service<KubeletMetrics>().Evictions.WriteTo(writer);
        writer.ToString().ShouldContain("kubelet_evictions{eviction_signal=\"nodefs.available\"} 1");
        await NodeConditions.WaitForAsync(cluster, "DiskPressure", "True", "KubeletHasDiskPressure");

        // The evicted pod's emptyDir stays until the pod is deleted: admission refuses meanwhile.
        await NodeConditions.NewPodIsRefusedUnderDiskPressureAsync(cluster, "late");

        // Deleting the pod frees its emptyDir; the condition clears once evictionPressureTransitionPeriod (5 s)
        // has passed without the threshold met.
        await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, "filler", null, CancellationToken.None);
        var deleted = DateTime.UtcNow;
        await NodeConditions.WaitForAsync(cluster, "DiskPressure", "False", "KubeletHasNoDiskPressure");
        var cleared = DateTime.UtcNow - deleted;
        output.WriteLine($"DiskPressure cleared {cleared.TotalSeconds:F1} s after the pod's deletion; available {disk.Available / Mi} MiB");
        cleared.ShouldBeGreaterThan(TimeSpan.FromSeconds(5), "the condition holds for the transition period after the last met observation");
    }

    [Fact]
    public async Task NodeFsPressure_ThatImageGcRelieves_EvictsNoPod()
    {
        await using var disk = await SharedDiskNode.StartAsync("diskgc-ok");
        var cluster = disk.Cluster;
        var ns = cluster.Namespace;

        // Past the margin, but less than removing the unused images gives back.
        var fill = SharedDiskNode.Margin + (SharedDiskNode.BulkyBytesAtLeast / 2);
        output.WriteLine($"available at start {disk.AvailableAtStart / Mi} MiB, threshold {disk.ThresholdQuantity}, pod writes {fill / Mi} MiB");
        await disk.CreateFillerAsync("filler", fill);

        var line = await cluster.Node.WaitForLogAsync("able to reduce ephemeral-storage pressure without evicting pods", "image GC relieved the pressure", TimeSpan.FromSeconds(90));
        output.WriteLine($"available after the reclaim {disk.Available / Mi} MiB");
        foreach (var image in disk.Bulky)
        {
            (await disk.HasImageAsync(image)).ShouldBeFalse($"unused image {image} was collected");
        }

        (await disk.HasImageAsync("sharplet.local/pause:3.9")).ShouldBeTrue("the runtime's sandbox image was kept");

        // The pressure clears after the transition period (5 s), at a later pass (every 10 s) that measured the
        // threshold unmet: no pass evicted the pod.
        var manager = cluster.Node.Service<EvictionManager>();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (manager.Current.Disk)
            {
                await Task.Delay(200, wait.Token);
            }
        }

        await NodeConditions.WaitForAsync(cluster, "DiskPressure", "False", "KubeletHasNoDiskPressure");
        var (_, running) = await cluster.Watch.WaitForAsync(ns, "filler", "running", p => p?.Status?.Phase == "Running", TimeSpan.FromSeconds(30));
        running!.Status!.Reason.ShouldBeNull();
        disk.LogIndex("the eviction manager evicts it").ShouldBe(-1, $"no pod is evicted once image GC relieved the pressure ({line})");
        var writer = new ExpositionWriter();
        cluster.Node.Service<KubeletMetrics>().Evictions.WriteTo(writer);
        writer.ToString().ShouldNotContain("kubelet_evictions{");
    }
}
