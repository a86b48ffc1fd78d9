using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.Server.Metrics;

namespace Sharplet.IntegrationTests.Eviction;

// Local storage limits on the real containerd and API server (upstream localStorageEviction): a pod writing past
// its emptyDir's sizeLimit, and a container writing past its ephemeral-storage limit, are evicted with
// upstream's messages, whatever the node-level thresholds say; a pod within its limits keeps running.
public sealed class LocalStorageEvictionTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("lsevict", s => s.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1));

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task EmptyDirOverSizeLimit_AndContainerOverEphemeralStorageLimit_AreEvicted_PodWithinLimitsKeepsRunning()
    {
        var ns = cluster.Namespace;
        var overDir = cluster.Pod("overdir", "sh", "-c", "dd if=/dev/zero of=/data/fill bs=1M count=4 && sleep 3600");
        overDir.Spec!.Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("1Mi") } }];
        overDir.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }];

        // Two containers of 8Mi each: the pod's total (16Mi) holds, the writer's own limit does not.
        var overContainer = cluster.Pod("overcontainer", "sh", "-c", "dd if=/dev/zero of=/fill bs=1M count=12 && sleep 3600");
        overContainer.Spec!.Containers!.Add(new Container { Name = "idle", Image = "busybox", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] });
        foreach (var c in overContainer.Spec.Containers)
        {
            c.Resources = new ResourceRequirements { Limits = new() { ["ephemeral-storage"] = Quantity.Parse("8Mi") } };
        }

        var within = cluster.Pod("within", "sh", "-c", "dd if=/dev/zero of=/data/fill bs=1M count=1 && sleep 3600");
        within.Spec!.Volumes = [new Volume { Name = "data", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("8Mi") } }];
        within.Spec.Containers![0].VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }];
        within.Spec.Containers[0].Resources = new ResourceRequirements { Limits = new() { ["ephemeral-storage"] = Quantity.Parse("64Mi") } };

        await cluster.CreateAsync(within);
        await cluster.CreateAsync(overDir);
        await cluster.CreateAsync(overContainer);

        var (_, dir) = await cluster.Watch.WaitForAsync(ns, "overdir", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(90));
        var (_, container) = await cluster.Watch.WaitForAsync(ns, "overcontainer", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(90));

        dir!.Status!.Phase.ShouldBe("Failed");
        dir.Status.Message.ShouldBe("Usage of EmptyDir volume \"data\" exceeds the limit \"1Mi\". ");
        container!.Status!.Phase.ShouldBe("Failed");
        container.Status.Message.ShouldBe("Container c exceeded its local ephemeral storage limit \"8Mi\". ");
        ConnectedCluster.Container(container)!.State!.Terminated.ShouldNotBeNull("pod overcontainer's writer was stopped by the eviction");

        var writer = new ExpositionWriter();
        cluster.Node.Service<KubeletMetrics>().Evictions.WriteTo(writer);
        writer.ToString().ShouldContain("kubelet_evictions{eviction_signal=\"emptydirfs.limit\"} 1");
        writer.ToString().ShouldContain("kubelet_evictions{eviction_signal=\"ephemeralcontainerfs.limit\"} 1");

        // The pod within its limits wrote its megabyte long before the others were evicted, and still runs.
        var (_, stillRunning) = await cluster.Watch.WaitForAsync(ns, "within", "running", p => p?.Status?.Phase == "Running", TimeSpan.FromSeconds(30));
        stillRunning!.Status!.Reason.ShouldBeNull();
    }
}
