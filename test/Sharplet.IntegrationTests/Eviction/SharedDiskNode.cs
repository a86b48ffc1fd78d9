using Sharplet.Grpc;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Util;

namespace Sharplet.IntegrationTests.Eviction;

// A connected node whose root dir and runtime (a PrivateContainerd) share one small filesystem, holding two
// bulky unused images (BulkyImage) besides the sandbox image. Its nodefs.available threshold is set 20 MiB
// below what is free once the images are in, so a pod writing more than that crosses it.
internal sealed class SharedDiskNode : IAsyncDisposable
{
    public const long Mi = 1L << 20;

    // The margin between what is free at start and the threshold: the pod's sandbox, image and logs fit in it.
    public const long Margin = 20 * Mi;

    private const int BulkyMegabytes = 24;

    private readonly PrivateContainerd runtime;
    private readonly string? initialBaseDir;

    private SharedDiskNode(PrivateContainerd runtime, ConnectedCluster cluster, string? initialBaseDir, IReadOnlyList<string> bulky, long available)
    {
        this.runtime = runtime;
        this.initialBaseDir = initialBaseDir;
        Cluster = cluster;
        Bulky = bulky;
        AvailableAtStart = available;
    }

    public ConnectedCluster Cluster { get; }

    // The unused images pulled before the node started (image references).
    public IReadOnlyList<string> Bulky { get; }

    // nodefs (= imagefs) free bytes once the images are in and before any pod.
    public long AvailableAtStart { get; }

    public long ThresholdBytes => AvailableAtStart - Margin;

    public string ThresholdQuantity => $"{ThresholdBytes / Mi}Mi";

    // What the bulky images take at most on disk: the layer blob in the content store plus its unpacked snapshot.
    public static long BulkyBytesAtMost => 2 * 2 * BulkyMegabytes * Mi;

    public static long BulkyBytesAtLeast => 2 * BulkyMegabytes * Mi;

    public static async Task<SharedDiskNode> StartAsync(string testName)
    {
        var bulky = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            bulky.Add(await BulkyImage.PushAsync($"sharplet-bulky-{i}", seed: 1300 + i, BulkyMegabytes));
        }

        var runtime = await PrivateContainerd.StartAsync(testName, 384 * Mi);
        ConnectedCluster? cluster = null;
        string? initialBase = null;
        try
        {
            using (var cri = new CriConnection(runtime.Endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System))
            {
                foreach (var image in bulky)
                {
                    await cri.Images.PullImageAsync(new ImageSpec { Image = image }, null, null, CancellationToken.None);
                }
            }

            var nodeDir = Path.Combine(runtime.FsDir, "node");
            var available = FsStat.Of(runtime.FsDir)!.AvailableBytes;
            var threshold = $"{(available - Margin) / Mi}Mi";
            cluster = await ConnectedCluster.StartAsync(testName, s =>
            {
                initialBase = Path.GetDirectoryName(s.RootDir);
                s.RootDir = Path.Combine(nodeDir, "root");
                s.PodLogsDir = Path.Combine(nodeDir, "logs");
                s.ContainerRuntimeEndpoint = runtime.Endpoint;
                s.EvictionHard = new Dictionary<string, string> { ["nodefs.available"] = threshold };
                s.EvictionPressureTransitionPeriod = TimeSpan.FromSeconds(5);
                s.ImageMinimumGcAge = TimeSpan.Zero;
                s.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1);
            });
            return new SharedDiskNode(runtime, cluster, initialBase, bulky, available);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            await runtime.DisposeAsync();
            DeleteInitialBase(initialBase);
            throw;
        }
    }

    // Whether the runtime still holds an image.
    public async Task<bool> HasImageAsync(string image) =>
        await Cluster.Node.Service<IImageService>().ImageStatusAsync(new ImageSpec { Image = image }, CancellationToken.None) is not null;

    // The runtime's id of an image, or null.
    public async Task<string?> ImageIdAsync(string image) =>
        (await Cluster.Node.Service<IImageService>().ImageStatusAsync(new ImageSpec { Image = image }, CancellationToken.None))?.Id;

    public long Available => FsStat.Of(runtime.FsDir)!.AvailableBytes;

    // A pod writing the given MiB into its disk-backed emptyDir, then sleeping.
    public async Task CreateFillerAsync(string name, long bytes)
    {
        var pod = Cluster.Pod(name, "sh", "-c", $"dd if=/dev/zero of=/data/fill bs=1M count={bytes / Mi} && sync && sleep 3600");
        pod.Spec!.Volumes = [new Api.Volume { Name = "data", EmptyDir = new Api.EmptyDirVolumeSource() }];
        pod.Spec.Containers![0].VolumeMounts = [new Api.VolumeMount { Name = "data", MountPath = "/data" }];
        await Cluster.CreateAsync(pod);
    }

    // The index of the first log line with the fragment, or -1.
    public int LogIndex(string fragment) => Cluster.Node.Log.ToList().FindIndex(l => l.Contains(fragment, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        // The node first (it stops its sandboxes through the private runtime), then the runtime.
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            try
            {
                await runtime.DisposeAsync();
            }
            finally
            {
                DeleteInitialBase(initialBaseDir);
            }
        }
    }

    // ConnectedCluster's default settings made a directory for the node that the moved paths no longer use.
    private static void DeleteInitialBase(string? dir)
    {
        if (dir is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
