namespace Sharplet.KubeRuntime;

// What executing a pod's actions did: whether anything changed in the runtime (so the status is worth
// reading again right away), and the sandbox failure if the pod could not even get one.
// Touched names what a pass that only started things changed: the sandbox it made (or null) and the containers it
// created or started, so the read before the Running report asks their statuses only (one round trip, no lists).
// It is null when the pass also killed something: then the whole pod is read again.
internal sealed record PodExecution(bool Changed, string? SandboxError, PodStartTouched? Touched = null)
{
    public static PodExecution Nothing { get; } = new(false, null);
}
