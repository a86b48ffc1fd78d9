using Sharplet.KubeContainer;
using Sharplet.TestSupport;
using static Sharplet.Tests.Pleg.CriPodConfigs;

namespace Sharplet.Tests.KubeContainer;

// The read of one pod that follows every start and precedes the Running report: its status calls go to the
// runtime together, so the report waits for one status round trip after the lists, not one per kind.
public sealed class RuntimePodReaderTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task ReadPod_SandboxAndContainerStatuses_AreAskedAtOnce_OneRoundTrip()
    {
        var time = new TimerWatchingTimeProvider(T0);
        var runtime = new FakeRuntimeService(time);
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        var container = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "app"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.StartContainerAsync(container, CancellationToken.None);
        runtime.SetLatency("PodSandboxStatus", Latency);
        runtime.SetLatency("ContainerStatus", Latency);

        var read = new RuntimePodReader(runtime, time).ReadPodAsync("uid-1", CancellationToken.None);

        // Both calls wait on the fake clock before it moves; one step of their latency answers both.
        await time.NextTimerAsync("the first status call of pod uid-1");
        await time.NextTimerAsync("the second status call of pod uid-1 (started with the first, not after it)");
        runtime.InFlight("PodSandboxStatus").ShouldBe(1);
        runtime.InFlight("ContainerStatus").ShouldBe(1);
        time.Advance(Latency);
        var pod = await read.WaitAsync(TimeSpan.FromSeconds(10));

        pod.Sandboxes.ShouldHaveSingleItem().Id.ShouldBe(sandbox);
        pod.Containers.ShouldHaveSingleItem().State.ShouldBe(RuntimeContainerState.Running);
    }

    [Fact]
    public async Task ReadAfterStart_AsksOnlyTheStartedContainer_NoListCalls_KeepsTheRestFromBefore()
    {
        var time = new TimerWatchingTimeProvider(T0);
        var runtime = new FakeRuntimeService(time);
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        var sidecar = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "sidecar"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.StartContainerAsync(sidecar, CancellationToken.None);
        var reader = new RuntimePodReader(runtime, time);
        var before = await reader.ReadPodAsync("uid-1", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var app = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "app"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.StartContainerAsync(app, CancellationToken.None);
        var (lists, sandboxLists, statuses) = (runtime.CountOf("ListContainers"), runtime.CountOf("ListPodSandbox"), runtime.CountOf("ContainerStatus"));

        var pod = await reader.ReadAfterStartAsync(before, sandbox, sandboxCreated: false, [app], CancellationToken.None);

        runtime.CountOf("ListContainers").ShouldBe(lists);
        runtime.CountOf("ListPodSandbox").ShouldBe(sandboxLists);
        runtime.CountOf("ContainerStatus").ShouldBe(statuses + 1);
        pod.Containers.Select(c => c.Id).ShouldBe([app, sidecar]);
        pod.Latest("app")!.State.ShouldBe(RuntimeContainerState.Running);
        pod.Latest("app")!.SandboxId.ShouldBe(sandbox);
        pod.Sandboxes.ShouldBe(before.Sandboxes);
        pod.ObservedAt.ShouldBe(time.GetUtcNow());
    }

    [Fact]
    public async Task ReadAfterStart_NewSandbox_ComesFirstWithItsStatus_AndAContainerGoneMeanwhileIsLeftOut()
    {
        var time = new TimerWatchingTimeProvider(T0);
        var runtime = new FakeRuntimeService(time);
        var reader = new RuntimePodReader(runtime, time);
        var old = await runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        await runtime.StopPodSandboxAsync(old, CancellationToken.None);
        var before = await reader.ReadPodAsync("uid-1", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var sandbox = await runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        var app = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "app"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.StartContainerAsync(app, CancellationToken.None);
        var gone = await runtime.CreateContainerAsync(sandbox, Container("uid-1", "gone"), Sandbox("uid-1"), CancellationToken.None);
        await runtime.RemoveContainerAsync(gone, CancellationToken.None);

        var pod = await reader.ReadAfterStartAsync(before, sandbox, sandboxCreated: true, [app, gone], CancellationToken.None);

        pod.Sandboxes.Select(s => s.Id).ShouldBe([sandbox, old]);
        pod.LatestSandbox!.Ready.ShouldBeTrue();
        pod.Containers.ShouldHaveSingleItem().Id.ShouldBe(app);
    }
}
