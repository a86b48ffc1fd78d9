using Sharplet.Pleg;
using Sharplet.TestSupport;
using static Sharplet.Tests.Pleg.CriPodConfigs;

namespace Sharplet.Tests.Pleg;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// Relisting on the in-memory runtime: each relist publishes what changed since the previous one.
public sealed class GenericPlegTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task Relist_ContainerStartsThenExits_PublishesStartedThenDied()
    {
        var pleg = core.Get<GenericPleg>();
        var events = core.Get<PlegEvents>();
        var sandbox = await core.Runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        var container = await core.Runtime.CreateContainerAsync(sandbox, Container("uid-1", "app"), Sandbox("uid-1"), CancellationToken.None);
        await core.Runtime.StartContainerAsync(container, CancellationToken.None);

        await pleg.RelistAsync(CancellationToken.None);
        Drain(events).ShouldContain(new PodLifecycleEvent("uid-1", PodLifecycleEventType.ContainerStarted, container));

        core.Runtime.Exit(container, 1);
        await pleg.RelistAsync(CancellationToken.None);

        Drain(events).ShouldBe([new PodLifecycleEvent("uid-1", PodLifecycleEventType.ContainerDied, container)]);
        pleg.Latest!.Pods["uid-1"].Containers.ShouldHaveSingleItem().ExitCode.ShouldBe(0, "a listed container carries no exit code; the status read does");
    }

    [Fact]
    public async Task Relist_NothingChanged_PublishesNothing()
    {
        var pleg = core.Get<GenericPleg>();
        var events = core.Get<PlegEvents>();
        await core.Runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        await pleg.RelistAsync(CancellationToken.None);
        Drain(events);

        await pleg.RelistAsync(CancellationToken.None);

        Drain(events).ShouldBeEmpty();
    }

    [Fact]
    public async Task Relist_RuntimeFails_KeepsThePreviousSnapshot()
    {
        var pleg = core.Get<GenericPleg>();
        await core.Runtime.RunPodSandboxAsync(Sandbox("uid-1"), string.Empty, CancellationToken.None);
        await pleg.RelistAsync(CancellationToken.None);
        var before = pleg.Latest;
        core.Runtime.FailNext("ListContainers", new IOException("runtime hung up"));

        await Should.ThrowAsync<IOException>(() => pleg.RelistAsync(CancellationToken.None));

        pleg.Latest.ShouldBeSameAs(before);
    }

    private static List<PodLifecycleEvent> Drain(PlegEvents events)
    {
        var list = new List<PodLifecycleEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }
}
