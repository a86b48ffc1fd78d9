using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.Hosting;
using Sharplet.KubeContainer;
using Sharplet.Nodes;
using Sharplet.Pods;

namespace Sharplet.TestSupport;

// The kubelet core as the composition root wires it (pod workers, syncer, PLEG, housekeeping, statuses,
// prober), on the in-memory CRI runtime and image service, a fake clock and a temporary root dir. Nothing
// is started: a test drives the loops' steps itself.
internal sealed class FakeCore : IAsyncDisposable
{
    private readonly CriConnection cri;

    private FakeCore(string root, FakeTimeProvider time, FakeRuntimeService runtime, FakeImageService images, CriConnection cri, ServiceProvider services)
    {
        Root = root;
        Time = time;
        Runtime = runtime;
        Images = images;
        this.cri = cri;
        Services = services;
    }

    public string Root { get; }

    public FakeTimeProvider Time { get; }

    public FakeRuntimeService Runtime { get; }

    public FakeImageService Images { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    // configure adjusts the settings first; kubeletServer adds the kubelet server (not started) as the host does.
    public static FakeCore Create(Action<SharpletSettings>? configure = null, bool kubeletServer = false)
    {
        var root = Directory.CreateTempSubdirectory("sharplet-core-").FullName;
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var runtime = new FakeRuntimeService(time);
        var images = new FakeImageService();
        var settings = new SharpletSettings { RootDir = Path.Combine(root, "root"), PodLogsDir = Path.Combine(root, "logs") };
        configure?.Invoke(settings);
        var node = new NodeContext("fake-node", ["10.0.0.5"], new Dictionary<string, Quantity>(StringComparer.Ordinal), 16L << 30, new Dictionary<string, string>(StringComparer.Ordinal));
        var facts = new NodeFacts("fake-node", ["10.0.0.5"], 4, 16L << 30, 100L << 30, "machine", "uuid", "boot", "6.1.0", "Linux", "amd64");

        // Never dialled: the fakes below replace its two services.
        var cri = new CriConnection($"unix://{Path.Combine(root, "none.sock")}", null, new GrpcChannelOptions(), new CriTimeouts(), time);
        var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSharplet(settings, node, facts, cri, new RuntimeIdentity("fake", "1.0.0"), time)
            .AddSingleton<IRuntimeService>(runtime)
            .AddSingleton<IImageService>(images);
        if (kubeletServer)
        {
            services.AddKubeletServer(settings, node, facts);
        }

        return new FakeCore(root, time, runtime, images, cri, services.BuildServiceProvider());
    }

    // Waits (real time, the workers run on the thread pool) until the condition holds; the phase names what
    // was awaited when it does not.
    public static async Task UntilAsync(Func<bool> condition, string phase)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {phase}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        cri.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
