namespace Sharplet.KubeRuntime;

// What executing a pod's actions did: whether anything changed in the runtime (so the status is worth
// reading again right away), and the sandbox failure if the pod could not even get one.
internal sealed record PodExecution(bool Changed, string? SandboxError)
{
    public static PodExecution Nothing { get; } = new(false, null);
}
