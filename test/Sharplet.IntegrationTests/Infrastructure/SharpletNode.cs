using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Grpc;
using Sharplet.Hosting;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Infrastructure;

// A Sharplet running in the test process against the real containerd, with its own node name, root dir,
// manifest dir and log dir, so several run side by side. Disposing it stops Sharplet and removes every pod
// it made from the runtime (by its node label), its mounts and its directories.
internal sealed class SharpletNode : IAsyncDisposable
{
    private readonly IHost app;
    private readonly ConcurrentQueue<string> logLines;

    private SharpletNode(IHost app, SharpletSettings settings, ConcurrentQueue<string> logLines)
    {
        this.app = app;
        Settings = settings;
        this.logLines = logLines;
    }

    public SharpletSettings Settings { get; }

    public string NodeName => Settings.HostnameOverride!;

    public string ManifestDir => Settings.StaticPodPath!;

    public StatusManager Statuses => app.Services.GetRequiredService<StatusManager>();

    public ManifestProblems Problems => app.Services.GetRequiredService<ManifestProblems>();

    public IRuntimeService Runtime => app.Services.GetRequiredService<IRuntimeService>();

    public IReadOnlyCollection<string> Log => logLines;

    public T Service<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    public static SharpletSettings DefaultSettings(string testName)
    {
        var id = $"{testName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        var baseDir = Path.Combine("/var/tmp/sharplet-it", id);
        var settings = new SharpletSettings
        {
            HostnameOverride = id,
            RootDir = Path.Combine(baseDir, "root"),
            PodLogsDir = Path.Combine(baseDir, "logs"),
            StaticPodPath = Path.Combine(baseDir, "manifests"),
            ContainerRuntimeEndpoint = LocalNode.RuntimeEndpoint,
            HealthzPort = 0,
            FileCheckFrequency = TimeSpan.FromSeconds(2),

            // Every test node has a kubelet port of its own, on loopback (several run at once).
            KubeletPort = FreePort(),
        };
        settings.Server.Address = "127.0.0.1";
        Directory.CreateDirectory(settings.StaticPodPath);
        return settings;
    }

    public static Task<SharpletNode> StartAsync(SharpletSettings settings, CancellationToken cancellationToken = default) =>
        StartAsync(settings, new ConcurrentQueue<string>(), cancellationToken);

    // With the queue the log goes to, to read the lines of a start that fails (no node is returned then).
    public static async Task<SharpletNode> StartAsync(SharpletSettings settings, ConcurrentQueue<string> lines, CancellationToken cancellationToken = default)
    {
        var app = await SharpletHost.BuildAsync(settings, logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new ListLoggerProvider(lines));
        }, cancellationToken);
        await app.StartAsync(cancellationToken);
        return new SharpletNode(app, settings, lines);
    }

    public string WriteManifest(string fileName, string yaml)
    {
        var path = Path.Combine(ManifestDir, fileName);
        File.WriteAllText(path + ".tmp", yaml);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    // The pod's manifest as YAML, in <pod name>.yaml.
    public string WriteManifest(StaticPod pod) => WriteManifest(pod.Name + ".yaml", pod.ToYaml());

    public string WriteManifest(string fileName, StaticPod pod) => WriteManifest(fileName, pod.ToYaml());

    public void DeleteManifest(string fileName) => File.Delete(Path.Combine(ManifestDir, fileName));

    public string PodName(string name) => $"{name}-{NodeName}";

    public PodStatusEntry? Find(string name) =>
        Statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Name == PodName(name));

    // Waits until the pod's status satisfies the condition; the timeout names the pod, the phase it waited for
    // and the last status seen.
    public async Task<PodStatusEntry> WaitForAsync(string name, string what, Func<PodStatusEntry, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var next = Statuses.NextChange;
            if (Find(name) is { } entry && condition(entry))
            {
                return entry;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var last = Find(name);
                throw new TimeoutException(
                    $"pod {PodName(name)} did not reach \"{what}\" within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds}s; last status: " +
                    (last is null ? $"(none); manifest problems: [{string.Join("; ", Problems.All())}]" : KubeJson.Serialize(last.Status)));
            }
        }
    }

    // Waits until a log line contains the fragment (events are log lines in standalone mode) and returns it.
    public async Task<string> WaitForLogAsync(string fragment, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            if (logLines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no log line with \"{fragment}\" ({what}) within {limit.TotalSeconds}s");
            }
        }
    }

    // Runs a command in a container of a pod (as a test would with kubectl exec) and returns its exit code.
    public async Task<int> ExecAsync(PodStatusEntry entry, string container, params string[] command)
    {
        var id = Container(entry, container).ContainerID!;
        var reply = await Runtime.ExecSyncAsync(id[(id.IndexOf("://", StringComparison.Ordinal) + 3)..], command, TimeSpan.FromSeconds(10), CancellationToken.None);
        return reply.ExitCode;
    }

    public Task<PodStatusEntry> WaitForGoneAsync(string name, TimeSpan? timeout = null) =>
        WaitForRemovalAsync(name, timeout ?? TimeSpan.FromSeconds(60));

    public static Api.ContainerStatus Container(PodStatusEntry entry, string name) =>
        (entry.Status.ContainerStatuses ?? []).Concat(entry.Status.InitContainerStatuses ?? []).First(c => c.Name == name);

    // What the runtime holds for this node's pods (its sandboxes carry the node label).
    public async Task<IReadOnlyList<PodSandbox>> SandboxesAsync(string? podName = null)
    {
        var filter = new PodSandboxFilter();
        filter.LabelSelector.Add("sharplet.io/node-name", NodeName);
        if (podName is not null)
        {
            filter.LabelSelector.Add("io.kubernetes.pod.name", PodName(podName));
        }

        return await Runtime.ListPodSandboxAsync(filter, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await SharpletHost.DisposeAsync(app);
        await RemoveEverythingAsync(Settings);
    }

    // Stops and removes every sandbox of the node, then its directories (unmounting what is mounted there).
    public static async Task RemoveEverythingAsync(SharpletSettings settings)
    {
        using (var cri = new CriConnection(settings.ContainerRuntimeEndpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System))
        {
            await RuntimeCleanup.RemoveNodeAsync(cri.Runtime, settings.HostnameOverride!);
        }

        var baseDir = Path.GetDirectoryName(settings.RootDir)!;
        foreach (var mount in Sharplet.Cm.MountInfo.ReadAll().Where(m => m.MountPoint.StartsWith(baseDir + "/", StringComparison.Ordinal)).OrderByDescending(m => m.MountPoint.Length))
        {
            Sharplet.Cm.LinuxMounts.Unmount(mount.MountPoint);
        }

        if (Directory.Exists(baseDir))
        {
            Directory.Delete(baseDir, recursive: true);
        }
    }

    private async Task<PodStatusEntry> WaitForRemovalAsync(string name, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        PodStatusEntry? last = null;
        while (true)
        {
            var next = Statuses.NextChange;
            var entry = Find(name);
            if (entry is null && last is not null)
            {
                return last;
            }

            last = entry ?? last;
            if (entry is null && last is null)
            {
                throw new InvalidOperationException($"pod {PodName(name)} was never seen");
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"pod {PodName(name)} was not removed within {timeout.TotalSeconds}s");
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
