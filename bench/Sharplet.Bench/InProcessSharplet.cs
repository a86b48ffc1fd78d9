using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sharplet.Hosting;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Bench;

// Sharplet in this process, so "the container runs, as Sharplet reports it" is observed the moment the status
// changes (a subscriber records the first Running report of every pod, with a monotonic timestamp).
internal sealed class InProcessSharplet : IAsyncDisposable
{
    private readonly IHost app;
    // The first Running report of each pod, completed by the status subscriber; waiters await it (no polling: a
    // polling waiter would take CPU from the runtime only while Sharplet is being measured).
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(long Ticks, DateTimeOffset? StartedAt)>> firstRunning = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task watcher;

    private InProcessSharplet(IHost app, SharpletSettings settings)
    {
        this.app = app;
        Settings = settings;
        var statuses = app.Services.GetRequiredService<StatusManager>();
        var changes = statuses.Subscribe();
        watcher = Task.Run(async () =>
        {
            await foreach (var uid in changes.ReadAllAsync(stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                if (statuses.Get(uid) is { } entry && entry.Status.ContainerStatuses?.FirstOrDefault()?.State?.Running is { } running)
                {
                    Slot(entry.Pod.Metadata!.Name!).TrySetResult((now, running.StartedAt));
                }
            }
        });
    }

    public SharpletSettings Settings { get; }

    public static async Task<InProcessSharplet> StartAsync(SharpletSettings settings)
    {
        // Logging as the sharplet command logs by default (a node runs with it), into a file beside the run.
        var app = await SharpletHost.BuildAsync(settings, logging => Sharplet.Cli.AgentCommand.ConfigureLogging(logging, 2), CancellationToken.None);
        await app.StartAsync();
        return new InProcessSharplet(app, settings);
    }

    public string PodName(string name) => $"{name}-{Settings.HostnameOverride}";

    public IServiceProvider Services => app.Services;

    public static string Manifest(string name) => StaticPod.Sleeper(name).ToYaml();

    public void Write(string name)
    {
        var path = Path.Combine(Settings.StaticPodPath!, name + ".yaml");
        File.WriteAllText(path + ".tmp", Manifest(name));
        File.Move(path + ".tmp", path);
    }

    public void RemoveAllManifests()
    {
        foreach (var file in Directory.EnumerateFiles(Settings.StaticPodPath!))
        {
            File.Delete(file);
        }
    }

    public async Task<(long Ticks, DateTimeOffset? StartedAt)> WaitRunningAsync(string name, TimeSpan timeout)
    {
        var pod = PodName(name);
        try
        {
            return await Slot(pod).Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var last = app.Services.GetRequiredService<StatusManager>().All().FirstOrDefault(e => e.Pod.Metadata?.Name == pod);
            throw new TimeoutException($"pod {pod} was not reported running within {timeout.TotalSeconds}s; last status: " +
                (last is null ? "(none)" : Sharplet.Api.KubeJson.Serialize(last.Status)));
        }
    }

    private TaskCompletionSource<(long Ticks, DateTimeOffset? StartedAt)> Slot(string pod) =>
        firstRunning.GetOrAdd(pod, _ => new TaskCompletionSource<(long, DateTimeOffset?)>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task WaitGoneAsync(TimeSpan timeout)
    {
        var statuses = app.Services.GetRequiredService<StatusManager>();
        var deadline = DateTime.UtcNow + timeout;
        while (statuses.All().Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{statuses.All().Count} pods were still there {timeout.TotalSeconds}s after their manifests were removed");
            }

            await Task.Delay(50);
        }

        firstRunning.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await app.StopAsync();
        await SharpletHost.DisposeAsync(app);
        try
        {
            await watcher;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }
}
