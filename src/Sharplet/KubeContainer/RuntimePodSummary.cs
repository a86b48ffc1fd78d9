namespace Sharplet.KubeContainer;

internal sealed record RuntimePodSummary(
    string Uid,
    string Name,
    string Namespace,
    IReadOnlyList<RuntimeSandbox> Sandboxes,
    IReadOnlyList<RuntimeContainer> Containers,
    string? NodeName = null)
{
    public bool HasRunning => Sandboxes.Any(s => s.Ready) || Containers.Any(c => c.State == RuntimeContainerState.Running);
}
