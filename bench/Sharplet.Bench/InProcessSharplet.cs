using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sharplet.Cri;
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
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(long Ticks, DateTimeOffset? StartedAt, string? ContainerId)>> firstRunning = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task watcher;

    private InProcessSharplet(IHost app, SharpletSettings settings, StartStampingRuntime starts)
    {
        this.app = app;
        Settings = settings;
        Starts = starts;
        var statuses = app.Services.GetRequiredService<StatusManager>();
        var changes = statuses.Subscribe();
        watcher = Task.Run(async () =>
        {
            await foreach (var uid in changes.ReadAllAsync(stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                if (statuses.Get(uid) is { } entry && entry.Status.ContainerStatuses?.FirstOrDefault() is { State.Running: { } running } container)
                {
                    // "containerd://<id>": the id the runtime client saw.
                    var id = container.ContainerID?[(container.ContainerID.IndexOf("://", StringComparison.Ordinal) + 3)..];
                    Slot(entry.Pod.Metadata!.Name!).TrySetResult((now, running.StartedAt, id));
                }
            }
        });
    }

    public SharpletSettings Settings { get; }

    // When each StartContainer call returned (the runtime client is wrapped for it).
    public StartStampingRuntime Starts { get; }

    public static async Task<InProcessSharplet> StartAsync(SharpletSettings settings)
    {
        // Logging as the sharplet command logs by default (a node runs with it), into a file beside the run.
        StartStampingRuntime? starts = null;
        var app = await SharpletHost.BuildAsync(settings, logging => Sharplet.Cli.AgentCommand.ConfigureLogging(logging, 2), services =>
        {
            // The last registration wins: every consumer gets the stamping wrapper around Sharplet's own client.
            var own = (IRuntimeService)services.Last(d => d.ServiceType == typeof(IRuntimeService)).ImplementationInstance!;
            starts = new StartStampingRuntime(own);
            services.AddSingleton<IRuntimeService>(starts);
        }, CancellationToken.None);
        await app.StartAsync();
        return new InProcessSharplet(app, settings, starts!);
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

    public async Task<(long Ticks, DateTimeOffset? StartedAt, string? ContainerId)> WaitRunningAsync(string name, TimeSpan timeout)
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

    private TaskCompletionSource<(long Ticks, DateTimeOffset? StartedAt, string? ContainerId)> Slot(string pod) =>
        firstRunning.GetOrAdd(pod, _ => new TaskCompletionSource<(long, DateTimeOffset?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously));

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
