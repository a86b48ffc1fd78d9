using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.MirrorPods;
using Sharplet.Pods;
using Sharplet.Statuses;
using Sharplet.TestSupport;

namespace Sharplet.Tests.MirrorPods;

// The mirror pod reconciler on the in-memory pod API with a fake clock. A pass starts by listing the API's
// pods (counted), and passes run one at a time: once a pass triggered after a change has started and another
// one after it has started too, everything that change asked for has been done.
public sealed class MirrorPodReconcilerTests : IAsyncDisposable
{
    private const string Ns = "kube-system";
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemoryPodApi api;
    private readonly CountingView view;
    private readonly PodConfig config = new([ConfigAnnotations.FileSource, ConfigAnnotations.ApiSource]);
    private readonly StatusManager statuses = new(NullLogger<StatusManager>.Instance);
    private readonly CancellationTokenSource stop = new();
    private readonly Pod trigger = new PodBuilder().Meta(m => m.Uid = "trigger").Container("c").Build();
    private MirrorPodReconciler? reconciler;
    private int triggers;

    public MirrorPodReconcilerTests()
    {
        api = new InMemoryPodApi(time);
        api.AddNode("fake-node");
        view = new CountingView(api);
    }

    [Fact]
    public async Task MissingMirror_IsCreatedWithTheConfigHashAndTheNodeAsOwner()
    {
        config.Set(ConfigAnnotations.FileSource, [Static("etcd", "hash-1")]);
        config.Set(ConfigAnnotations.ApiSource, []);
        await StartAsync();

        await FakeCore.UntilAsync(() => api.ServerPod(Ns, "etcd") is not null, "mirror pod kube-system/etcd created");
        var mirror = api.ServerPod(Ns, "etcd")!;
        Assert.Equal("hash-1", mirror.Metadata!.Annotations![ConfigAnnotations.Mirror]);
        var owner = Assert.Single(mirror.Metadata.OwnerReferences!);
        Assert.Equal(("Node", "fake-node", "node-uid-fake-node"), (owner.Kind, owner.Name, owner.Uid));
    }

    [Fact]
    public async Task MirrorOfAnOutdatedStaticPod_IsDeletedWithItsUidAndRecreated()
    {
        var stale = api.Seed(Mirror("etcd", "hash-1"));
        config.Set(ConfigAnnotations.FileSource, [Static("etcd", "hash-2")]);
        config.Set(ConfigAnnotations.ApiSource, []);
        await StartAsync();

        await FakeCore.UntilAsync(() => api.ServerPod(Ns, "etcd")?.Metadata?.Annotations?[ConfigAnnotations.Mirror] == "hash-2", "mirror pod kube-system/etcd of hash-2");
        var delete = Assert.Single(api.CallsOf("DELETE", "etcd"));
        Assert.Equal($"grace=0 uid={stale.Metadata!.Uid}", delete.Detail);
        Assert.Equal("hash-2", Assert.Single(api.CallsOf("POST", "etcd"), c => !c.Failed).Detail);
    }

    [Fact]
    public async Task OrphanMirror_IsDeletedOnlyOnceEverySourceHasReported()
    {
        api.Seed(Mirror("gone", "hash-1"));
        config.Set(ConfigAnnotations.FileSource, []);
        await StartAsync();
        await SettledAsync();
        Assert.Empty(api.CallsOf("DELETE", "gone"));

        config.Set(ConfigAnnotations.ApiSource, []);
        await TriggerAsync();
        await FakeCore.UntilAsync(() => api.ServerPod(Ns, "gone") is null, "orphan mirror pod kube-system/gone deleted");
        Assert.Single(api.CallsOf("DELETE", "gone"));
    }

    [Fact]
    public async Task MirrorTheApiRefuses_BacksOffForThatPodOnly_WhileOtherMirrorsAreCreated()
    {
        api.Refuse(Ns, "refused", InMemoryPodApi.Error(HttpStatusCode.Forbidden, StatusReason.Forbidden, "node fake-node can only create pods with spec.nodeName set to itself"));
        config.Set(ConfigAnnotations.FileSource, [Static("refused", "hash-r"), Static("etcd", "hash-1")]);
        config.Set(ConfigAnnotations.ApiSource, []);
        await StartAsync();
        await FakeCore.UntilAsync(() => api.ServerPod(Ns, "etcd") is not null, "mirror pod kube-system/etcd created after the refusal");

        // Changes during the backoff create the mirrors of other static pods, but do not resend the refused one.
        config.Set(ConfigAnnotations.FileSource, [Static("refused", "hash-r"), Static("etcd", "hash-1"), Static("apiserver", "hash-a")]);
        await SettledAsync();
        Assert.NotNull(api.ServerPod(Ns, "apiserver"));
        Assert.Single(api.CallsOf("POST", "refused"));

        // Its own retry comes after 1 s, then 2 s.
        time.Advance(TimeSpan.FromMilliseconds(999));
        await SettledAsync();
        Assert.Single(api.CallsOf("POST", "refused"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await FakeCore.UntilAsync(() => api.CallsOf("POST", "refused").Count == 2, "second try of mirror pod kube-system/refused");

        api.Accept(Ns, "refused");
        time.Advance(TimeSpan.FromSeconds(2));
        await FakeCore.UntilAsync(() => api.ServerPod(Ns, "refused") is not null, "mirror pod kube-system/refused created once accepted");
        Assert.Single(api.CallsOf("POST", "etcd"));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (reconciler is not null)
        {
            await reconciler.StopAsync(CancellationToken.None);
            reconciler.Dispose();
        }

        stop.Dispose();
    }

    private static Pod Static(string name, string hash) => new PodBuilder().Meta(m =>
    {
        m.Name = name;
        m.Namespace = Ns;
        m.Uid = hash;
        m.Annotations = new() { [ConfigAnnotations.Hash] = hash, [ConfigAnnotations.Source] = ConfigAnnotations.FileSource };
    }).Container("c").Build();

    private static Pod Mirror(string name, string hash) => new PodBuilder().Meta(m =>
    {
        m.Name = name;
        m.Namespace = Ns;
        m.Uid = null;
        m.Annotations = new() { [ConfigAnnotations.Mirror] = hash };
    }).Container("c").Build();

    private async Task StartAsync()
    {
        var node = new NodeContext("fake-node", ["10.0.0.5"], new Dictionary<string, Quantity>(StringComparer.Ordinal), 16L << 30, new Dictionary<string, string>(StringComparer.Ordinal));
        reconciler = new MirrorPodReconciler(config, view, statuses, api, node, new MirrorPodOptions(), time, NullLogger<MirrorPodReconciler>.Instance);
        await reconciler.StartAsync(stop.Token);
        await FakeCore.UntilAsync(() => view.Lists > 0, "the reconciler's first pass");
    }

    // A status change (any pod) starts a pass; returns once it has started, so the one before it is complete.
    private async Task TriggerAsync()
    {
        var before = view.Lists;
        statuses.SetPodStatus(trigger, new PodStatus { Phase = PodPhase.Running, Message = $"trigger {++triggers}" });
        await FakeCore.UntilAsync(() => view.Lists > before, "a mirror pod pass after the trigger");
    }

    private async Task SettledAsync()
    {
        await TriggerAsync();
        await TriggerAsync();
    }

    private sealed class CountingView(InMemoryPodApi inner) : IApiPodView
    {
        private int lists;

        public int Lists => Volatile.Read(ref lists);

        public Task Synced => inner.Synced;

        public Pod? Get(string? @namespace, string name) => inner.Get(@namespace, name);

        public IReadOnlyList<Pod> All()
        {
            Interlocked.Increment(ref lists);
            return inner.All();
        }

        public ChannelReader<ApiPodChange> Subscribe() => inner.Subscribe();
    }
}
