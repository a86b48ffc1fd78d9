using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Eviction;
using Sharplet.Events;
using Sharplet.Pods;
using Sharplet.Server.Metrics;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Eviction;

// One pass of the eviction manager on fake figures, pods and reclaim: reclaim first, then one pod, ranked.
public sealed class EvictionManagerTests
{
    private static readonly Threshold HardDisk = new("nodefs.available", new ThresholdValue(null, 10), TimeSpan.Zero, null);

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeStats stats = new();
    private readonly FakeEvictor evictor = new();
    private readonly FakeReclaimer reclaimer = new();
    private readonly RecordingEvents events = new();
    private readonly RecordingNodeEvents nodeEvents = new();
    private readonly KubeletMetrics metrics = new();

    private EvictionManager Manager(params Threshold[] thresholds) => Manager(new EvictionOptions { MaxPodGracePeriodSeconds = 30 }, thresholds);

    private EvictionManager Manager(EvictionOptions options, params Threshold[] thresholds) => new(
        new ThresholdTracker(thresholds, TimeSpan.FromMinutes(5)), options, stats, evictor, reclaimer, events, nodeEvents, metrics, time,
        NullLogger<EvictionManager>.Instance);

    private static Pod Pod(string name, Action<Pod>? configure = null)
    {
        var pod = new PodBuilder().Meta(m => { m.Name = name; m.Uid = name; }).Container("app").Build();
        configure?.Invoke(pod);
        return pod;
    }

    private void Disk(long availableGi, params (string Uid, long Bytes)[] pods)
    {
        var observations = new Dictionary<string, SignalObservation>(StringComparer.Ordinal) { ["nodefs.available"] = new(availableGi << 30, 100L << 30, time.GetUtcNow()) };
        stats.Next.Enqueue(new EvictionStats(observations, pods.ToDictionary(p => p.Uid, p => new PodUsage(0, [new ContainerUsage("app", 0, p.Bytes, 0)], 0, 1)), false));
    }

    [Fact]
    public async Task DiskThresholdMet_ReclaimThatFreesEnough_EvictsNothing()
    {
        evictor.Active.Add(Pod("writer"));
        Disk(5, ("writer", 1L << 30));
        Disk(20, ("writer", 1L << 30));

        var evicted = await Manager(HardDisk).SynchronizeAsync(CancellationToken.None);

        evicted.ShouldBeNull();
        reclaimer.Calls.ShouldBe(["containers", "images"]);
        evictor.Evicted.ShouldBeEmpty();
        Exposition().ShouldNotContain("kubelet_evictions{");
        nodeEvents.Recorded.ShouldBe([("Warning", "EvictionThresholdMet", "Attempting to reclaim ephemeral-storage")], "the node event comes with the attempt, before reclaim");
    }

    [Fact]
    public async Task DiskThresholdStillMetAfterReclaim_EvictsTheBiggestWriterOnce_WithGracePeriodZeroAndTheMetric()
    {
        evictor.Active.AddRange([Pod("small"), Pod("big")]);
        Disk(5, ("small", 1L << 20), ("big", 3L << 30));
        Disk(5, ("small", 1L << 20), ("big", 3L << 30));
        var manager = Manager(HardDisk);

        var evicted = await manager.SynchronizeAsync(CancellationToken.None);

        evicted!.Metadata!.Name.ShouldBe("big");
        evictor.Evicted.ShouldBe([("big", 0L)]);
        evictor.Messages[0].ShouldStartWith("The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 5Gi. ");
        events.Recorded.ShouldBe([("big", "Warning", "Evicted", evictor.Messages[0])]);
        nodeEvents.Recorded.ShouldBe([("Warning", "EvictionThresholdMet", "Attempting to reclaim ephemeral-storage")]);
        manager.Current.Disk.ShouldBeTrue();
        Exposition().ShouldContain("kubelet_evictions{eviction_signal=\"nodefs.available\"} 1");
    }

    [Fact]
    public async Task SoftThreshold_EvictsWithEvictionMaxPodGracePeriod()
    {
        var soft = HardDisk with { GracePeriod = TimeSpan.FromSeconds(30) };
        evictor.Active.Add(Pod("writer"));
        var manager = Manager(soft);
        Disk(5, ("writer", 1L << 30));
        (await manager.SynchronizeAsync(CancellationToken.None)).ShouldBeNull("the grace period has not passed");

        time.Advance(TimeSpan.FromSeconds(30));
        Disk(5, ("writer", 1L << 30));
        Disk(5, ("writer", 1L << 30));
        (await manager.SynchronizeAsync(CancellationToken.None)).ShouldNotBeNull();

        evictor.Evicted.ShouldBe([("writer", 30L)]);
    }

    [Fact]
    public async Task CriticalPods_AreNeverEvicted()
    {
        evictor.Active.Add(Pod("static", p => p.Metadata!.Annotations = new Dictionary<string, string> { [ConfigAnnotations.Source] = "file" }));
        evictor.Active.Add(Pod("system", p => p.Spec!.Priority = 2_000_000_000));
        Disk(5, ("static", 3L << 30), ("system", 2L << 30));
        Disk(5, ("static", 3L << 30), ("system", 2L << 30));

        (await Manager(HardDisk).SynchronizeAsync(CancellationToken.None)).ShouldBeNull();

        evictor.Evicted.ShouldBeEmpty();
    }

    [Fact]
    public async Task MemoryThreshold_IsNotReclaimedByGarbageCollection()
    {
        var memory = new Threshold("memory.available", new ThresholdValue(100L << 20, 0), TimeSpan.Zero, null);
        evictor.Active.Add(Pod("hog"));
        var observations = new Dictionary<string, SignalObservation>(StringComparer.Ordinal) { ["memory.available"] = new(10L << 20, 16L << 30, time.GetUtcNow()) };
        stats.Next.Enqueue(new EvictionStats(observations, new Dictionary<string, PodUsage> { ["hog"] = new(1L << 30, [new ContainerUsage("app", 1L << 30, 0, 0)], 0, 1) }, false));

        var manager = Manager(memory);
        (await manager.SynchronizeAsync(CancellationToken.None))!.Metadata!.Name.ShouldBe("hog");

        reclaimer.Calls.ShouldBeEmpty();
        manager.Current.Memory.ShouldBeTrue();
    }

    // The CI failure of MemoryEvictionTests: "steady" was admitted while the first pass read the figures, so it had
    // none, and a pod without figures ranks first, ahead of the BestEffort pod that had them.
    [Fact]
    public async Task MemoryThreshold_PodAdmittedWhileTheFiguresAreRead_IsLeftToTheNextPass_TheMeasuredPodIsEvicted()
    {
        var memory = new Threshold("memory.available", new ThresholdValue(100L << 20, 0), TimeSpan.Zero, null);
        evictor.Active.Add(Pod("hog"));
        var steady = Pod("steady", p => p.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Requests = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("32Mi") },
            Limits = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("32Mi") },
        });
        stats.DuringRead = () => evictor.Active.Add(steady);
        var observations = new Dictionary<string, SignalObservation>(StringComparer.Ordinal) { ["memory.available"] = new(10L << 20, 16L << 30, time.GetUtcNow()) };
        stats.Next.Enqueue(new EvictionStats(observations, new Dictionary<string, PodUsage> { ["hog"] = new(1L << 20, [new ContainerUsage("app", 1L << 20, 0, 0)], 0, 1) }, false));

        var evicted = await Manager(memory).SynchronizeAsync(CancellationToken.None);

        evicted!.Metadata!.Name.ShouldBe("hog");
        evictor.Evicted.ShouldBe([("hog", 0L)]);
    }

    [Fact]
    public async Task PodsOverLocalStorageLimits_AreEvictedWithoutAnyThreshold_GraceZero_CriticalOnesKept()
    {
        Action<Pod> limited = p => p.Spec!.Volumes = [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("1Mi") } }];
        evictor.Active.AddRange([Pod("over", limited), Pod("fits", limited), Pod("static", p =>
        {
            limited(p);
            p.Metadata!.Annotations = new Dictionary<string, string> { [ConfigAnnotations.Source] = "file" };
        })]);
        PodUsage Used(long bytes) => new(0, [new ContainerUsage("app", 0, 0, 0)], bytes, 1) { EmptyDirBytes = new Dictionary<string, long> { ["scratch"] = bytes } };
        stats.Next.Enqueue(new EvictionStats(new Dictionary<string, SignalObservation>(StringComparer.Ordinal),
            new Dictionary<string, PodUsage> { ["over"] = Used(2L << 20), ["fits"] = Used(1L << 20), ["static"] = Used(5L << 20) }, false));

        var evicted = await Manager().SynchronizeAsync(CancellationToken.None);

        evicted!.Metadata!.Name.ShouldBe("over");
        evictor.Evicted.ShouldBe([("over", 0L)]);
        evictor.Messages.ShouldBe(["Usage of EmptyDir volume \"scratch\" exceeds the limit \"1Mi\". "]);
        events.Recorded.ShouldBe([("over", "Warning", "Evicted", evictor.Messages[0])]);
        Exposition().ShouldContain("kubelet_evictions{eviction_signal=\"emptydirfs.limit\"} 1");
        nodeEvents.Recorded.ShouldBeEmpty("no node-level threshold was met");
    }

    [Fact]
    public async Task WithoutLocalStorageCapacityIsolation_PodsOverEmptyDirOrEphemeralStorageLimits_AreNotEvicted()
    {
        evictor.Active.AddRange([
            Pod("sized", p => p.Spec!.Volumes = [new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource { SizeLimit = Quantity.Parse("1Mi") } }]),
            Pod("limited", p => p.Spec!.Containers![0].Resources = new ResourceRequirements { Limits = new Dictionary<string, Quantity> { ["ephemeral-storage"] = Quantity.Parse("1Mi") } }),
        ]);
        var usage = new PodUsage(0, [new ContainerUsage("app", 0, 8L << 20, 0)], 8L << 20, 1) { EmptyDirBytes = new Dictionary<string, long> { ["scratch"] = 8L << 20 } };
        EvictionStats Reading() => new(new Dictionary<string, SignalObservation>(StringComparer.Ordinal), new Dictionary<string, PodUsage> { ["sized"] = usage, ["limited"] = usage }, false);
        stats.Next.Enqueue(Reading());
        stats.Next.Enqueue(Reading());

        (await Manager(new EvictionOptions { LocalStorageCapacityIsolation = false }).SynchronizeAsync(CancellationToken.None)).ShouldBeNull();
        evictor.Evicted.ShouldBeEmpty();

        // The same usage with isolation on (the default): both are over a limit.
        (await Manager().SynchronizeAsync(CancellationToken.None)).ShouldNotBeNull();
        evictor.Evicted.Select(e => e.Item1).ShouldBe(["sized", "limited"], ignoreOrder: true);
    }

    [Fact]
    public async Task NoFigures_NoAction()
    {
        evictor.Active.Add(Pod("writer"));

        (await Manager(HardDisk).SynchronizeAsync(CancellationToken.None)).ShouldBeNull();

        evictor.Evicted.ShouldBeEmpty();
        reclaimer.Calls.ShouldBeEmpty();
        nodeEvents.Recorded.ShouldBeEmpty();
    }

    private string Exposition()
    {
        var writer = new ExpositionWriter();
        metrics.Evictions.WriteTo(writer);
        return writer.ToString();
    }

    private sealed class FakeStats : IEvictionStats
    {
        public Queue<EvictionStats> Next { get; } = new();

        // Runs inside the read: what happens on the node while the figures are collected.
        public Action? DuringRead { get; set; }

        public Task<EvictionStats?> ReadAsync(CancellationToken cancellationToken)
        {
            DuringRead?.Invoke();
            return Task.FromResult(Next.TryDequeue(out var s) ? s : null);
        }
    }

    private sealed class FakeEvictor : IPodEvictor
    {
        public List<Pod> Active { get; } = [];

        public List<(string, long)> Evicted { get; } = [];

        public List<string> Messages { get; } = [];

        // A copy, as the pod workers' list is: a pod added later is not in a list handed out before.
        public IReadOnlyList<Pod> ActivePods() => [.. Active];

        public Task<bool> EvictAsync(Pod pod, long gracePeriodSeconds, string message, CancellationToken cancellationToken)
        {
            Evicted.Add((pod.Metadata!.Name!, gracePeriodSeconds));
            Messages.Add(message);
            return Task.FromResult(true);
        }
    }

    private sealed class FakeReclaimer : INodeReclaimer
    {
        public List<string> Calls { get; } = [];

        public Task DeleteAllUnusedContainersAsync(CancellationToken cancellationToken)
        {
            Calls.Add("containers");
            return Task.CompletedTask;
        }

        public Task DeleteUnusedImagesAsync(CancellationToken cancellationToken)
        {
            Calls.Add("images");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingEvents : IEventRecorder
    {
        public List<(string, string, string, string)> Recorded { get; } = [];

        public void Record(Pod pod, string type, string reason, string message, string? fieldPath = null) => Recorded.Add((pod.Metadata!.Name!, type, reason, message));
    }

    private sealed class RecordingNodeEvents : INodeEventRecorder
    {
        public List<(string, string, string)> Recorded { get; } = [];

        public void Record(string type, string reason, string message) => Recorded.Add((type, reason, message));
    }
}
