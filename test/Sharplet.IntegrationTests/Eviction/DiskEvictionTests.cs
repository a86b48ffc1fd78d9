using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Eviction;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.Server.Metrics;

namespace Sharplet.IntegrationTests.Eviction;

// Node-pressure eviction end to end on the real containerd and API server, on a signal the test can drive
// without touching the shared machine: the node's root dir is a private 64 MiB tmpfs with nodefs.available<50%,
// and a pod fills its emptyDir (which lives on the root dir). The runtime's image filesystem is on the real disk,
// a dedicated image filesystem then, so nodefs pressure reclaims no image or container of the shared runtime.
public sealed class DiskEvictionTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("evict", s =>
    {
        Directory.CreateDirectory(s.RootDir);
        LinuxMounts.MountTmpfs(s.RootDir, 64L << 20);
        s.EvictionHard = new Dictionary<string, string> { ["nodefs.available"] = "50%" };
        s.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1);
    });

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task PodFillingTheNodeFs_IsEvicted_NodeReportsDiskPressure_AndNewPodsAreRefused()
    {
        var ns = cluster.Namespace;
        var filler = cluster.Pod("filler", "sh", "-c", "dd if=/dev/zero of=/data/fill bs=1M count=40 && sleep 3600");
        filler.Spec!.Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource() }];
        filler.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }];
        await cluster.CreateAsync(filler);

        var (_, evicted) = await cluster.Watch.WaitForAsync(ns, "filler", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(90));

        var status = evicted!.Status!;
        status.Phase.ShouldBe("Failed");
        status.Message.ShouldStartWith("The node was low on resource: ephemeral-storage. Threshold quantity: 32Mi, available: ");
        status.Conditions!.ShouldContain(c => c.Type == "DisruptionTarget" && c.Status == "True" && c.Reason == "TerminationByKubelet");
        ConnectedCluster.Container(evicted)!.State!.Terminated.ShouldNotBeNull("pod filler's container was stopped by the eviction");
        cluster.Node.Service<EvictionManager>().Current.Disk.ShouldBeTrue();

        var writer = new ExpositionWriter();
        cluster.Node.Service<KubeletMetrics>().Evictions.WriteTo(writer);
        writer.ToString().ShouldContain("kubelet_evictions{eviction_signal=\"nodefs.available\"} 1");

        // The node's DiskPressure condition in the API.
        await NodeConditions.WaitForAsync(cluster, "DiskPressure", "True", "KubeletHasDiskPressure");

        // The evicted pod's emptyDir stays until the pod is deleted: the pressure holds and admission refuses.
        await NodeConditions.NewPodIsRefusedUnderDiskPressureAsync(cluster, "late");
    }
}
