using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Statuses;

// An ApiStatusWriter on the in-memory pod API, a real StatusManager, fake pod workers and a fake clock. Pods are
// seeded before StartAsync, which creates the writer (it subscribes then) and returns once its loop runs.
// Waiting for "the writer handled X": the writer reads the API's copy of a pod (view Get, counted per name) at
// the start of every sync of it, and its queue has one consumer, so once Syncs(pod) grew and a later status
// change of the barrier pod reached the API, that sync of the pod is complete.
internal sealed class StatusWriterRig : IAsyncDisposable
{
    public const string Namespace = "writer";
    private readonly CancellationTokenSource stop = new();
    private readonly CountingView view;
    private ApiStatusWriter? writer;
    private int barrierRounds;

    public StatusWriterRig()
    {
        Api = new InMemoryPodApi(Time);
        view = new CountingView(Api);
        BarrierPod = ApiPod("barrier");
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public InMemoryPodApi Api { get; }

    public StatusManager Statuses { get; } = new(NullLogger<StatusManager>.Instance);

    public FakePodWorkerStates Workers { get; } = new();

    public ApiStatusWriterOptions Options { get; } = new();

    public Pod BarrierPod { get; }

    public static PodStatus Status(string phase, string? message = null) => new() { Phase = phase, Message = message };

    // A failure the writer must retry (not a 404/409, which mean the pod is gone or replaced).
    public static Exception Unavailable() => InMemoryPodApi.Error(HttpStatusCode.ServiceUnavailable, StatusReason.ServiceUnavailable, "etcd leader changed");

    public async Task StartAsync()
    {
        writer = new ApiStatusWriter(Statuses, view, Workers, Api, Options, Time, NullLogger<ApiStatusWriter>.Instance);
        await writer.StartAsync(stop.Token).ConfigureAwait(false);

        // The loop runs (and its reconcile timer exists) once it wrote a status.
        await BarrierAsync().ConfigureAwait(false);
    }

    // The view throws for this pod name (an informer object the writer cannot handle).
    public void Poison(string name) => view.Poisoned = name;

    // A pod bound to this node in the API (seeded with a fresh UID), and the kubelet's copy of it.
    public Pod ApiPod(string name)
    {
        var seeded = Api.Seed(new PodBuilder().Meta(m =>
        {
            m.Name = name;
            m.Namespace = Namespace;
            m.Uid = null;
        }).Container("c").Build());
        return new PodBuilder().Meta(m =>
        {
            m.Name = name;
            m.Namespace = Namespace;
            m.Uid = seeded.Metadata!.Uid;
            m.Annotations = new() { [ConfigAnnotations.Source] = ConfigAnnotations.ApiSource };
        }).Container("c").Build();
    }

    public PodStatus? ApiStatus(Pod pod) => Api.ServerPod(pod.Metadata!.Namespace, pod.Metadata.Name!)?.Status;

    public int Patches(Pod pod) => Api.CallsOf("PATCH", pod.Metadata!.Name).Count;

    public int GoodPatches(Pod pod) => Api.CallsOf("PATCH", pod.Metadata!.Name).Count(c => !c.Failed);

    public int Syncs(string name) => view.Gets.GetValueOrDefault(name);

    public Task UntilPhaseAsync(Pod pod, string phase, string? message = null) =>
        FakeCore.UntilAsync(
            () => ApiStatus(pod) is { } s && s.Phase == phase && (message is null || s.Message == message),
            $"pod {Namespace}/{pod.Metadata!.Name} status {phase} {message} in the API");

    // Does something that makes the writer sync the pod, and returns once that sync is complete.
    public async Task AfterSyncAsync(string name, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Syncs(name);
        action();
        await FakeCore.UntilAsync(() => Syncs(name) > before, $"pod {Namespace}/{name} synced by the writer").ConfigureAwait(false);
        await BarrierAsync().ConfigureAwait(false);
    }

    public async Task BarrierAsync()
    {
        var round = (++barrierRounds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Statuses.SetPodStatus(BarrierPod, Status(PodPhase.Running, "barrier " + round));
        await UntilPhaseAsync(BarrierPod, PodPhase.Running, "barrier " + round).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        if (writer is not null)
        {
            await writer.StopAsync(CancellationToken.None).ConfigureAwait(false);
            writer.Dispose();
        }

        stop.Dispose();
    }

    private sealed class CountingView(InMemoryPodApi inner) : IApiPodView
    {
        public ConcurrentDictionary<string, int> Gets { get; } = new(StringComparer.Ordinal);

        public string? Poisoned { get; set; }

        public Task Synced => inner.Synced;

        public Pod? Get(string? @namespace, string name)
        {
            Gets.AddOrUpdate(name, 1, (_, n) => n + 1);
            return name == Poisoned ? throw new InvalidOperationException("informer store cannot hand out " + name) : inner.Get(@namespace, name);
        }

        public IReadOnlyList<Pod> All() => inner.All();

        public ChannelReader<ApiPodChange> Subscribe() => inner.Subscribe();
    }
}
