using System.Threading.Channels;
using Sharplet.KubeContainer;
using Sharplet.Pleg;
using Sharplet.TestSupport;
using static Sharplet.Tests.Pleg.CriPodConfigs;

namespace Sharplet.Tests.Pleg;

// The relist loop on the fake clock: one relist at start and one per period, a failing runtime never ends the
// loop, and health follows upstream's rule (no completed relist for longer than 3 minutes: unhealthy).
public sealed class GenericPlegLoopTests : IAsyncDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly TimerWatchingTimeProvider time = new(T0);
    private readonly FakeRuntimeService runtime;
    private readonly PlegEvents events = new();
    private readonly CapturingLogger<GenericPleg> logger = new();
    private readonly Channel<RuntimeSnapshot> relisted = Channel.CreateUnbounded<RuntimeSnapshot>();
    private readonly GenericPleg pleg;

    public GenericPlegLoopTests()
    {
        runtime = new FakeRuntimeService(time);
        var observers = new RelistObservers { Relisted = (_, snapshot) => relisted.Writer.TryWrite(snapshot) };
        pleg = new GenericPleg(new RuntimePodReader(runtime, time), events, new PlegOptions(), observers, time, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await pleg.StopAsync(CancellationToken.None);
        pleg.Dispose();
    }

    [Fact]
    public async Task Loop_RelistsAtStartThenOncePerSecond_EachSnapshotTheNewest()
    {
        await pleg.StartAsync(CancellationToken.None);

        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1), "upstream's relist period");
        (await NextRelistAsync("the relist at start")).ObservedAt.ShouldBe(T0);
        for (var n = 1; n <= 3; n++)
        {
            await runtime.RunPodSandboxAsync(Sandbox($"uid-{n}"), string.Empty, CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(1));

            var snapshot = await NextRelistAsync($"relist {n}");
            snapshot.ObservedAt.ShouldBe(T0.AddSeconds(n));
            snapshot.Pods.Count.ShouldBe(n);
            pleg.Latest.ShouldBeSameAs(snapshot, "housekeeping reads the newest relist");
            Drain().ShouldBe([new PodLifecycleEvent($"uid-{n}", PodLifecycleEventType.PodSync, null)], "only what changed since the previous relist");
        }
    }

    [Fact]
    public async Task Loop_RelistFails_KeepsRelistingEveryPeriod_LogsOnceAndThenTheRecovery_AndReportsWhatChangedMeanwhile()
    {
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        var container = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "app"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.StartContainerAsync(container, CancellationToken.None);
        await pleg.StartAsync(CancellationToken.None);
        await time.NextTimerAsync();
        await NextRelistAsync("the relist at start");
        Drain();

        runtime.FailNext("ListContainers", new IOException("runtime hung up"));
        runtime.FailNext("ListContainers", new IOException("runtime hung up"));
        runtime.Exit(container, 1);
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var n = attempt;
            await FakeCore.UntilAsync(() => runtime.CountOf("ListContainers") == n, $"failing relist {n} reached the runtime");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        (await NextRelistAsync("the relist after the runtime came back")).ObservedAt.ShouldBe(T0.AddSeconds(3));

        pleg.ExecuteTask!.IsCompleted.ShouldBeFalse("a failing relist never ends the loop");
        Drain().ShouldBe([new PodLifecycleEvent("uid-1", PodLifecycleEventType.ContainerDied, container)], "the exit during the outage is reported once it is seen");
        logger.Lines.Count(l => l.StartsWith("PLEG relist failed", StringComparison.Ordinal)).ShouldBe(1, "one line per outage, not one per second");
        logger.Lines.Count(l => l == "PLEG relist works again").ShouldBe(1);
    }

    [Fact]
    public async Task IsHealthy_NoRelistCompletedForMoreThan3Minutes_IsUnhealthy_UntilTheNextOne()
    {
        await pleg.RelistAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(3));
        pleg.IsHealthy(out var problem).ShouldBeTrue("exactly the threshold is still healthy");
        problem.ShouldBeNull();

        time.Advance(TimeSpan.FromSeconds(1));
        pleg.IsHealthy(out problem).ShouldBeFalse();
        problem.ShouldBe("PLEG is not healthy: pleg was last seen active 181s ago; threshold is 180s");

        await pleg.RelistAsync(CancellationToken.None);
        pleg.IsHealthy(out problem).ShouldBeTrue();
    }

    // The relist time is when the relist began to read the runtime (upstream's timestamp), so a relist that
    // hangs in the runtime does not count as activity while it hangs.
    [Fact]
    public async Task IsHealthy_RelistHangingInTheRuntime_TurnsUnhealthyAfter3Minutes()
    {
        await pleg.RelistAsync(CancellationToken.None);
        runtime.SetLatency("ListPodSandbox", TimeSpan.FromMinutes(10));

        var hanging = pleg.RelistAsync(CancellationToken.None);
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromMinutes(10));
        time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        pleg.IsHealthy(out var problem).ShouldBeFalse();
        problem.ShouldNotBeNull().ShouldContain("threshold is 180s");
        hanging.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(7));
        await hanging.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private List<PodLifecycleEvent> Drain()
    {
        var list = new List<PodLifecycleEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    private async Task<RuntimeSnapshot> NextRelistAsync(string phase)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await relisted.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"timed out waiting for {phase}");
        }
    }
}
