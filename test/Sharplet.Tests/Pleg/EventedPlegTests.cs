using Grpc.Core;
using Sharplet.Cri.V1;
using Sharplet.Pleg;
using Sharplet.TestSupport;
using static Sharplet.Tests.Pleg.CriPodConfigs;

namespace Sharplet.Tests.Pleg;

// The runtime's container event stream on the fake runtime: each event becomes a lifecycle event for its pod,
// a broken or closed stream is reopened with a doubling delay, and a runtime without the stream (containerd 1.6
// answers UNIMPLEMENTED) leaves the relist alone in charge.
public sealed class EventedPlegTests : IAsyncDisposable
{
    private readonly TimerWatchingTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly FakeRuntimeService runtime;
    private readonly PlegEvents events = new();
    private readonly CapturingLogger<EventedPleg> logger = new();
    private readonly EventedPleg pleg;

    public EventedPlegTests()
    {
        runtime = new FakeRuntimeService(time);
        pleg = new EventedPleg(runtime, events, new PlegOptions(), time, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await pleg.StopAsync(CancellationToken.None);
        pleg.Dispose();
    }

    [Fact]
    public async Task Stream_EachContainerEvent_BecomesTheLifecycleEventOfItsOwnPod()
    {
        var stream = runtime.EnableContainerEvents();
        var web = await RunningContainerAsync("uid-web", "web");
        var db = await RunningContainerAsync("uid-db", "db");
        await StartConnectedAsync(stream);

        stream.Publish(runtime.EventFor(web, ContainerEventType.ContainerStartedEvent));
        stream.Publish(runtime.EventFor(db, ContainerEventType.ContainerStoppedEvent));
        stream.Publish(runtime.EventFor(web, ContainerEventType.ContainerCreatedEvent));
        stream.Publish(runtime.EventFor(db, ContainerEventType.ContainerDeletedEvent));

        (await NextAsync(4)).ShouldBe([
            new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerStarted, web),
            new PodLifecycleEvent("uid-db", PodLifecycleEventType.ContainerDied, db),
            new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerChanged, web),
            new PodLifecycleEvent("uid-db", PodLifecycleEventType.ContainerRemoved, db),
        ]);
    }

    // An event that names no pod (a container the runtime no longer has a sandbox for) cannot be routed: it is
    // dropped and the stream goes on. A sandbox's own event names its pod and makes the pod be looked at.
    [Fact]
    public async Task Stream_EventWithoutAPodSandbox_IsDroppedAndTheStreamGoesOn()
    {
        var stream = runtime.EnableContainerEvents();
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox("uid-web"), string.Empty, CancellationToken.None);
        await StartConnectedAsync(stream);

        stream.Publish(runtime.EventFor("container-gone", ContainerEventType.ContainerStoppedEvent));
        stream.Publish(runtime.EventFor(sandbox, ContainerEventType.ContainerStoppedEvent));

        (await NextAsync(1)).ShouldBe([new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerDied, sandbox)]);
        events.Reader.TryRead(out _).ShouldBeFalse();
        stream.Connected.ShouldBeTrue();
    }

    [Fact]
    public async Task RuntimeWithoutTheStream_SaysSoOnceAndEnds_AndTheRelistStillFindsTheExit()
    {
        // No EnableContainerEvents: the fake answers UNIMPLEMENTED, as containerd 1.6 does.
        var container = await RunningContainerAsync("uid-web", "web");
        await pleg.StartAsync(CancellationToken.None);

        await pleg.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        pleg.ExecuteTask.IsCompletedSuccessfully.ShouldBeTrue("the service ends quietly, it does not fail the host");
        runtime.CountOf("GetContainerEvents").ShouldBe(1, "UNIMPLEMENTED is not retried");
        logger.Lines.Count(l => l.Contains("has no container event stream", StringComparison.Ordinal)).ShouldBe(1);

        var relist = new GenericPleg(new Sharplet.KubeContainer.RuntimePodReader(runtime, time), events, new PlegOptions(), RelistObservers.None, time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<GenericPleg>.Instance);
        await relist.RelistAsync(CancellationToken.None);
        while (events.Reader.TryRead(out _))
        {
        }

        runtime.Exit(container, 1);
        await relist.RelistAsync(CancellationToken.None);
        events.Reader.TryRead(out var died).ShouldBeTrue();
        died.ShouldBe(new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerDied, container));
    }

    [Fact]
    public async Task RuntimeEventsOff_NeverOpensTheStream()
    {
        runtime.EnableContainerEvents();
        using var off = new EventedPleg(runtime, events, new PlegOptions { UseRuntimeEvents = false }, time, logger);

        await off.StartAsync(CancellationToken.None);
        await off.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        runtime.CountOf("GetContainerEvents").ShouldBe(0);
    }

    // Upstream's evented PLEG reconnects too; the wait doubles from 1 s to 30 s while the runtime keeps failing
    // the stream and starts over once an event came through.
    [Fact]
    public async Task StreamBreaks_ReopensAfter1s_DoublingWhileItKeepsBreaking_ResetByAnEvent()
    {
        var stream = runtime.EnableContainerEvents();
        var web = await RunningContainerAsync("uid-web", "web");
        await StartConnectedAsync(stream);

        stream.Break(Unavailable());
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await FakeCore.UntilAsync(() => stream.Connected && stream.Opened == 2, "event stream reopened after 1 s");

        stream.Break(Unavailable());
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(2), "a second failure in a row waits twice as long");
        time.Advance(TimeSpan.FromSeconds(2));
        await FakeCore.UntilAsync(() => stream.Connected && stream.Opened == 3, "event stream reopened after 2 s");

        stream.Publish(runtime.EventFor(web, ContainerEventType.ContainerStoppedEvent));
        (await NextAsync(1)).ShouldBe([new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerDied, web)]);
        stream.Break(Unavailable());
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1), "a stream that delivered starts its back-off over");

        logger.Lines.Count(l => l.StartsWith("Container event stream broke, reconnecting", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task StreamClosedByTheRuntime_IsReopened_AndDeliversAgain()
    {
        var stream = runtime.EnableContainerEvents();
        var web = await RunningContainerAsync("uid-web", "web");
        await StartConnectedAsync(stream);

        stream.End();
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        await FakeCore.UntilAsync(() => stream.Connected && stream.Opened == 2, "event stream reopened after the runtime closed it");

        stream.Publish(runtime.EventFor(web, ContainerEventType.ContainerStoppedEvent));
        (await NextAsync(1)).ShouldBe([new PodLifecycleEvent("uid-web", PodLifecycleEventType.ContainerDied, web)]);
    }

    // A runtime restarting refuses the stream for a while (UNAVAILABLE): each refusal is one more try later.
    [Fact]
    public async Task StreamRefusedWhileTheRuntimeRestarts_IsTriedAgainUntilItOpens()
    {
        var stream = runtime.EnableContainerEvents();
        stream.RefuseNext(Unavailable());
        stream.RefuseNext(Unavailable());
        await pleg.StartAsync(CancellationToken.None);

        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));

        await FakeCore.UntilAsync(() => stream.Connected, "event stream open on the third try");
        stream.Opened.ShouldBe(3);
    }

    // Not every failure of a stream is an RpcException (a socket torn down under the HTTP/2 connection can
    // surface as IOException). The loop must treat it as a broken stream, not end: a BackgroundService that
    // throws stops the whole host, and with it every pod's worker.
    [Fact]
    public async Task StreamFailsWithANonGrpcError_IsReopenedLikeABrokenStream_NotTheEndOfTheService()
    {
        var stream = runtime.EnableContainerEvents();
        await StartConnectedAsync(stream);

        stream.Break(new IOException("connection reset by peer"));

        (await time.NextTimerAsync()).ShouldBe(TimeSpan.FromSeconds(1));
        pleg.ExecuteTask!.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        await FakeCore.UntilAsync(() => stream.Connected && stream.Opened == 2, "event stream reopened after an IOException");
    }

    [Fact]
    public async Task Stop_WhileConnected_OrWaitingToReconnect_EndsTheService()
    {
        var stream = runtime.EnableContainerEvents();
        await StartConnectedAsync(stream);
        await pleg.StopAsync(CancellationToken.None);
        await pleg.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        stream.Connected.ShouldBeFalse("stopping cancels the open stream");

        using var waiting = new EventedPleg(runtime, events, new PlegOptions(), time, logger);
        stream.RefuseNext(Unavailable());
        await waiting.StartAsync(CancellationToken.None);
        await time.NextTimerAsync();
        await waiting.StopAsync(CancellationToken.None);
        await waiting.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        waiting.ExecuteTask.IsFaulted.ShouldBeFalse();
        stream.Opened.ShouldBe(2, "no reconnect after the stop");
    }

    private static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, "containerd is restarting"));

    private async Task StartConnectedAsync(FakeContainerEventStream stream)
    {
        await pleg.StartAsync(CancellationToken.None);
        await FakeCore.UntilAsync(() => stream.Connected, "evented PLEG connected to the event stream");
    }

    private async Task<string> RunningContainerAsync(string uid, string name)
    {
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox(uid, name), string.Empty, CancellationToken.None);
        var container = await runtime.CreateContainerAsync(sandbox, Container(uid, name), Sandbox(uid, name), CancellationToken.None);
        await runtime.StartContainerAsync(container, CancellationToken.None);
        return container;
    }

    private async Task<List<PodLifecycleEvent>> NextAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var list = new List<PodLifecycleEvent>();
        try
        {
            while (list.Count < count)
            {
                list.Add(await events.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"timed out waiting for {count} lifecycle events from the stream, got {list.Count}: {string.Join(", ", list)}");
        }

        return list;
    }
}
