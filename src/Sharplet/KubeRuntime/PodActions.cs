namespace Sharplet.KubeRuntime;

// What one sync must do to a pod (upstream's podActions): the output of the pure decision, the input of the
// executor.
internal sealed record PodActions
{
    // Stop every container and the sandbox first (a new sandbox is coming, or the pod is done).
    public bool KillPod { get; init; }

    public bool CreateSandbox { get; init; }

    public string? SandboxId { get; init; }

    public uint Attempt { get; init; }

    public string? Why { get; init; }

    public IReadOnlyList<ContainerToStart> ContainersToStart { get; init; } = [];

    public IReadOnlyList<ContainerToKill> ContainersToKill { get; init; } = [];

    public IReadOnlyList<ContainerBackoffWait> Backoffs { get; init; } = [];

    // A regular init container failed under restartPolicy Never: the pod has failed for good.
    public bool InitFailed { get; init; }

    // No container will run again (all exited and none to restart under the restart policy).
    public bool PodDone { get; init; }

    public bool NothingToDo => !KillPod && !CreateSandbox && ContainersToStart.Count == 0 && ContainersToKill.Count == 0;
}
