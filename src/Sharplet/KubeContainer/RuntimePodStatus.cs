namespace Sharplet.KubeContainer;

// Everything the runtime reports for one pod UID: its sandboxes (newest first) and containers (newest first),
// observed at one moment. The input of every pure decision about the pod.
internal sealed record RuntimePodStatus(
    string Uid,
    IReadOnlyList<RuntimeSandbox> Sandboxes,
    IReadOnlyList<RuntimeContainer> Containers,
    DateTimeOffset ObservedAt)
{
    public static RuntimePodStatus Empty(string uid, DateTimeOffset at) => new(uid, [], [], at);

    public RuntimeSandbox? LatestSandbox => Sandboxes.Count > 0 ? Sandboxes[0] : null;

    // The newest container with this name (upstream FindContainerStatusByName).
    public RuntimeContainer? Latest(string name) => Containers.FirstOrDefault(c => c.Name == name);

    // The newest and the one before it, for lastState.
    public (RuntimeContainer? Current, RuntimeContainer? Previous) LatestTwo(string name)
    {
        RuntimeContainer? current = null;
        foreach (var c in Containers)
        {
            if (c.Name != name)
            {
                continue;
            }

            if (current is null)
            {
                current = c;
            }
            else
            {
                return (current, c);
            }
        }

        return (current, null);
    }

    public IEnumerable<RuntimeContainer> Running => Containers.Where(c => c.State == RuntimeContainerState.Running);
}
