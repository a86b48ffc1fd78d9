using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.PodWorkers;
using Sharplet.Statuses;
using Sharplet.TestSupport;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Tests.PodWorkers;

// The pod syncer as the composition root wires it, on the in-memory runtime and image service and the fake
// clock: a test calls its passes one by one (no worker runs them), ends containers through the runtime, and
// reads back what the runtime was asked to do and which status was reported for pod default/web (uid-1).
internal sealed class PodSyncerRig : IAsyncDisposable
{
    private PodSyncerRig(FakeCore core) => Core = core;

    public FakeCore Core { get; }

    public FakeRuntimeService Runtime => Core.Runtime;

    public PodSyncer Syncer => Core.Get<PodSyncer>();

    // Without QoS cgroups: passes that are never cleaned up must not leave pod cgroups on the test machine (the
    // pod-cgroup check that refuses a pod's limits runs either way).
    public static PodSyncerRig Create() => new(FakeCore.Create(s =>
    {
        s.CgroupsPerQos = false;
        s.EnforceNodeAllocatable = ["none"];
    }));

    public Task<SyncOutcome> SyncAsync(Pod pod) => Syncer.SyncAsync(pod, PodWorkOperation.Sync, CancellationToken.None);

    public PodStatus Status => Core.Get<StatusManager>().Get("uid-1")?.Status ?? throw new InvalidOperationException("no status reported for pod default/web");

    // The created containers' names in the order they were created.
    public IReadOnlyList<string> Created => Runtime.Calls.Where(c => c.StartsWith("CreateContainer ", StringComparison.Ordinal))
        .Select(c => c["CreateContainer ".Length..]).ToList();

    // Runtime calls that create or start something (sandbox or container), in order.
    public IReadOnlyList<string> Starts => Runtime.Calls.Where(c => c.StartsWith("RunPodSandbox", StringComparison.Ordinal) || c.StartsWith("CreateContainer", StringComparison.Ordinal))
        .ToList();

    public Cri.V1.ContainerStatus Running(string name) =>
        Runtime.Containers().SingleOrDefault(c => c.Metadata.Name == name && c.State == Cri.V1.ContainerState.ContainerRunning)
        ?? throw new InvalidOperationException($"pod default/web: container {name} is not running");

    // Ends the running container of this name as if its process exited with the code, a second after what
    // happened before (the runtime orders a pod's containers and sandboxes by creation time, and a fake clock
    // that never moves would make a restarted container as old as the one it replaces).
    public void Exit(string name, int exitCode)
    {
        var id = Running(name).Id;
        Later();
        Runtime.Exit(id, exitCode);
    }

    public void Later() => Core.Time.Advance(TimeSpan.FromSeconds(1));

    public ApiContainerStatus StatusOf(string name) =>
        (Status.InitContainerStatuses ?? []).Concat(Status.ContainerStatuses ?? []).SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"pod default/web: no status for container {name}");

    public PodSandboxStatus ReadySandbox() =>
        Runtime.Sandboxes().Single(s => s.State == PodSandboxState.SandboxReady);

    public ValueTask DisposeAsync() => Core.DisposeAsync();
}
