using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.NodeLease;
using Sharplet.TestSupport;
using Sharplet.Tests.Nodes;
using Sharplet.Util;

namespace Sharplet.Tests.NodeLease;

// The node lease on a fake API server and clock: creation, renewal cadence, conflicts and backoff.
public sealed class NodeLeaseControllerTests
{
    private static readonly DateTimeOffset T0 = NodeTestData.T0;
    private readonly TimerWatchingTimeProvider time = new(T0);
    private readonly FakeLeaseApi api = new();

    [Fact]
    public async Task MissingLease_IsCreatedHeldByTheNodeAndOwnedByIt()
    {
        await Controller().SyncAsync(CancellationToken.None);

        var lease = api.Created.ShouldHaveSingleItem();
        (lease.Metadata!.Namespace, lease.Metadata.Name).ShouldBe(("kube-node-lease", "n1"));
        (lease.Spec!.HolderIdentity, lease.Spec.LeaseDurationSeconds, lease.Spec.RenewTime).ShouldBe(("n1", 40, T0));
        var owner = lease.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid).ShouldBe(("v1", "Node", "n1", "node-uid"));
        api.Updates.ShouldBeEmpty("a lease just created needs no renewal");
    }

    [Fact]
    public async Task Renewal_WritesOnTheLastLeaseWithoutReadingItAgain()
    {
        var controller = Controller();
        await controller.SyncAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));

        await controller.SyncAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await controller.SyncAsync(CancellationToken.None);

        api.Gets.ShouldBe(1);
        api.Updates.Select(l => l.Spec!.RenewTime).ShouldBe([T0.AddSeconds(10), T0.AddSeconds(20)]);
    }

    [Fact]
    public async Task Conflict_RereadsTheLeaseAndRetries()
    {
        var controller = Controller();
        await controller.SyncAsync(CancellationToken.None);
        api.TouchedByAnotherWriter();
        time.Advance(TimeSpan.FromSeconds(10));

        await controller.SyncAsync(CancellationToken.None);

        api.Gets.ShouldBe(2);
        api.Updates.ShouldHaveSingleItem().Spec!.RenewTime.ShouldBe(T0.AddSeconds(10));
        controller.Latest!.Metadata!.ResourceVersion.ShouldBe(api.Stored!.Metadata!.ResourceVersion);
    }

    [Fact]
    public async Task ExistingLeaseOfAnotherDuration_IsRenewedWithTheConfiguredOneAndGetsItsOwner()
    {
        api.NodeUid = null;
        var old = Controller();
        await old.SyncAsync(CancellationToken.None);
        api.Created.ShouldBeEmpty("no lease before its node exists: it could not be owned by it");
        api.Stored = Sharplet.NodeLease.LeaseRenewal.New(new NodeLeaseOptions("n1", 10), T0, "x");
        api.Stored.Metadata!.OwnerReferences = null;
        api.Stored.Metadata.ResourceVersion = "1";
        api.NodeUid = "node-uid";

        await Controller().SyncAsync(CancellationToken.None);

        var renewed = api.Updates.ShouldHaveSingleItem();
        renewed.Spec!.LeaseDurationSeconds.ShouldBe(40);
        renewed.Metadata!.OwnerReferences.ShouldHaveSingleItem().Uid.ShouldBe("node-uid");
    }

    [Fact]
    public async Task Loop_RenewsEveryQuarterOfTheDuration_WithAtMost4PercentJitter()
    {
        using var controller = Controller();
        await controller.StartAsync(CancellationToken.None);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add(await time.AdvanceToNextTimerAsync());
        }

        await controller.StopAsync(CancellationToken.None);
        waits.ShouldAllBe(w => w >= TimeSpan.FromSeconds(10) && w <= TimeSpan.FromSeconds(10.4));
        waits.Distinct().Count().ShouldBeGreaterThan(1, "the jitter varies");
        api.Created.Count.ShouldBe(1);
        api.Updates.Count.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task TransientReadFailures_BackOffFrom200msDoubling()
    {
        api.GetFailures.Enqueue(ApiErrors.Refused());
        api.GetFailures.Enqueue(ApiErrors.Refused());
        var controller = Controller(new NodeLeaseOptions("n1", 40) { EnsureBackoff = new BackoffPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(7), Jitter: 0) });

        var sync = controller.SyncAsync(CancellationToken.None);
        var waits = new[] { await time.AdvanceToNextTimerAsync(), await time.AdvanceToNextTimerAsync() };
        await sync;

        waits.ShouldBe([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)]);
        api.Created.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ForbiddenRead_WaitsTheCapBeforeTryingAgain()
    {
        api.GetFailures.Enqueue(ApiErrors.Forbidden());
        var controller = Controller();

        var sync = controller.SyncAsync(CancellationToken.None);
        var wait = await time.NextTimerAsync();

        api.Gets.ShouldBe(1);
        wait.ShouldBeInRange(TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(7));
        time.Advance(wait);
        await sync;
        api.Gets.ShouldBe(2);
    }

    [Fact]
    public void NextWait_IsAQuarterOfTheDurationStretchedByTheJitter()
    {
        var options = new NodeLeaseOptions("n1", 40);

        LeaseRenewal.NextWait(options, 0).ShouldBe(TimeSpan.FromSeconds(10));
        LeaseRenewal.NextWait(options, 0.5).ShouldBe(TimeSpan.FromSeconds(10.2));
        LeaseRenewal.NextWait(new NodeLeaseOptions("n1", 4), 0).ShouldBe(TimeSpan.FromSeconds(1));
    }

    private NodeLeaseController Controller(NodeLeaseOptions? options = null) =>
        new(api, options ?? new NodeLeaseOptions("n1", 40), time, new Random(7), NullLogger<NodeLeaseController>.Instance);
}
