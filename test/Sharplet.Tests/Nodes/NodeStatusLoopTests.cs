using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.Nodes;
using Sharplet.TestSupport;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

// The node status sync on a fake API server and clock: what is patched when, and how failures are retried.
public sealed class NodeStatusLoopTests : IDisposable
{
    private static readonly NodeDescription Node = Description();
    private readonly TimerWatchingTimeProvider time = new(T0);
    private readonly FakeNodeApi api = new() { Stored = NodeObjects.Initial(Node, NodeObservation.Healthy, T0) };
    private readonly FakeObserver observer = new();
    private readonly NodeStatusLoop loop;

    public NodeStatusLoopTests()
    {
        // A second after registration: a heartbeat in the same second as the stored one would leave nothing to send.
        time.Advance(TimeSpan.FromSeconds(1));
        var options = new NodeStatusOptions();
        var registration = new NodeRegistration(api, Node, observer, options, time, NullLogger<NodeRegistration>.Instance);
        loop = new NodeStatusLoop(registration, api, Node, observer, options, time, NullLogger<NodeStatusLoop>.Instance);
    }

    public void Dispose() => loop.Dispose();

    [Fact]
    public async Task FirstSync_Patches_ThenUnchangedStatusWaitsForTheReportFrequency()
    {
        await loop.SyncAsync(CancellationToken.None);
        api.Patches.Count.ShouldBe(1, "nothing was reported by this process yet");
        loop.LastReport.ShouldBe(T0.AddSeconds(1));

        for (var i = 0; i < 29; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await loop.SyncAsync(CancellationToken.None);
        }

        api.Patches.Count.ShouldBe(1, "4m50s later nothing changed and the report frequency (5m) has not passed");
        time.Advance(TimeSpan.FromSeconds(10));
        await loop.SyncAsync(CancellationToken.None);
        api.Patches.Count.ShouldBe(2);
        TestCondition("Ready").LastHeartbeatTime.ShouldBe(T0.AddSeconds(301));
        TestCondition("Ready").LastTransitionTime.ShouldBe(T0);
    }

    [Fact]
    public async Task ChangedStatus_IsPatchedAtOnceWithANewTransitionTime()
    {
        await loop.SyncAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        observer.Current = NetworkNotReady;

        await loop.SyncAsync(CancellationToken.None);

        api.Patches.Count.ShouldBe(2);
        var ready = TestCondition("Ready");
        (ready.Status, ready.Reason, ready.LastTransitionTime).ShouldBe(("False", "KubeletNotReady", T0.AddSeconds(11)));
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithinOneSync_UpToFiveTries_WithShortPauses()
    {
        for (var i = 0; i < 5; i++)
        {
            api.Failures.Enqueue(ApiErrors.Refused());
        }

        var sync = loop.SyncAsync(CancellationToken.None);
        var pauses = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            pauses.Add(await time.AdvanceToNextTimerAsync());
        }

        await sync;
        api.Calls.ShouldBe(5);
        api.Patches.ShouldBeEmpty();
        pauses.ShouldAllBe(p => p > TimeSpan.Zero && p <= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TransientFailureThenSuccess_PatchesInTheSameSync()
    {
        api.Failures.Enqueue(ApiErrors.Refused());

        var sync = loop.SyncAsync(CancellationToken.None);
        await time.AdvanceToNextTimerAsync();
        await sync;

        api.Patches.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Forbidden_IsNotRetriedUntilTheNextPeriod()
    {
        api.Failures.Enqueue(ApiErrors.Forbidden());

        await loop.SyncAsync(CancellationToken.None);

        api.Calls.ShouldBe(1);
        api.Patches.ShouldBeEmpty();
    }

    private NodeCondition TestCondition(string type) => Condition(type, api.Stored!.Status!.Conditions!);
}
