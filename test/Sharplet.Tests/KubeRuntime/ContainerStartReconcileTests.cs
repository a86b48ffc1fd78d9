using Grpc.Core;
using Sharplet.Cri.V1;
using Sharplet.KubeRuntime;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// What the runtime made when a call failed on our side is reconciled before the call is retried, and one pod
// does not flood the runtime with concurrent creates (issue: 987 containers in containerd for a pod's 501).
public sealed class ContainerStartReconcileTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task CreateContainerTimedOutButTheRuntimeMadeIt_NextSyncStartsThatOne_NoSecondContainer()
    {
        core.Runtime.FailNextAfterDoing("CreateContainer", new RpcException(new Status(StatusCode.DeadlineExceeded, "context deadline exceeded")));
        var pool = core.Get<PodWorkerPool>();

        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await UntilRunningAsync("app", "pod default/web: container app running after the timed-out create");

        var apps = core.Runtime.Containers().Where(c => c.Metadata.Name == "app").ToList();
        apps.Count.ShouldBe(1, "the container the timed-out create made is started, not left behind next to a new one");
        apps[0].Metadata.Attempt.ShouldBe(0u, "starting the created container is the same attempt, not a restart");
        core.Runtime.CountOf("CreateContainer").ShouldBe(1);
    }

    [Fact]
    public async Task CreatedContainerOfAnOlderSpec_IsRemovedBeforeTheNewCreate()
    {
        core.Runtime.FailNextAfterDoing("CreateContainer", new RpcException(new Status(StatusCode.DeadlineExceeded, "context deadline exceeded")));
        core.Runtime.FailNext("StartContainer", new RpcException(new Status(StatusCode.Unavailable, "runtime restarting")));
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app", c => c.Image = "registry.example/app:1").Build());
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Any(c => c.Metadata.Name == "app"), "pod default/web: container app created");

        // The spec changes before the created container ever ran: it must not be started, and must not stay.
        pool.UpdatePod(new PodBuilder().Container("app", c => c.Image = "registry.example/app:2").Build());
        await UntilRunningAsync("app", "pod default/web: container app of the new spec running");

        var apps = core.Runtime.Containers().Where(c => c.Metadata.Name == "app").ToList();
        apps.Count.ShouldBe(1, string.Join(", ", apps.Select(c => $"{c.Id} {c.State} {c.Image.Image}")));
        apps[0].Image.Image.ShouldEndWith("registry.example/app:2");
    }

    [Fact]
    public async Task PodWithTwelveContainers_AtMostFourCreatesInFlightAtOnce()
    {
        core.Runtime.SetLatency("CreateContainer", TimeSpan.FromSeconds(1));
        var builder = new PodBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Container($"c{i}");
        }

        core.Get<PodWorkerPool>().UpdatePod(builder.Build());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (core.Runtime.Containers().Count(c => c.State == ContainerState.ContainerRunning) < 12)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "pod default/web: 12 containers running");
            if (core.Runtime.InFlight("CreateContainer") > 0)
            {
                core.Time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(5);
        }

        core.Runtime.MaxInFlight("CreateContainer").ShouldBe(PodExecutor.MaxConcurrentStartsPerPod);
    }

    // Retries of a failed sync wait on the fake clock: step it until the container runs.
    private async Task UntilRunningAsync(string container, string phase)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!core.Runtime.Containers().Any(c => c.Metadata.Name == container && c.State == ContainerState.ContainerRunning))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, phase);
            core.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }
}
