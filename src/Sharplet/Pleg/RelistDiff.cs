using Sharplet.KubeContainer;

namespace Sharplet.Pleg;

// Compares two relists and names what happened to each container and sandbox, as upstream's generic PLEG does
// (generateEvents): a pure function of the two snapshots.
internal static class RelistDiff
{
    private enum Seen
    {
        NonExistent,
        Created,
        Running,
        Exited,
        Unknown,
    }

    public static IEnumerable<PodLifecycleEvent> Compute(RuntimeSnapshot? previous, RuntimeSnapshot current)
    {
        var uids = new HashSet<string>(current.Pods.Keys, StringComparer.Ordinal);
        if (previous is not null)
        {
            uids.UnionWith(previous.Pods.Keys);
        }

        foreach (var uid in uids)
        {
            var before = previous?.Pods.GetValueOrDefault(uid);
            var after = current.Pods.GetValueOrDefault(uid);
            var oldStates = States(before);
            var newStates = States(after);
            var sandboxChanged = false;
            foreach (var id in oldStates.Keys.Union(newStates.Keys))
            {
                var oldState = oldStates.GetValueOrDefault(id, (Seen.NonExistent, false)).Item1;
                var (newState, isSandbox) = newStates.TryGetValue(id, out var n) ? n : (Seen.NonExistent, oldStates[id].Item2);
                if (oldState == newState)
                {
                    continue;
                }

                if (isSandbox)
                {
                    sandboxChanged = true;
                    continue;
                }

                foreach (var e in Events(uid, id, oldState, newState))
                {
                    yield return e;
                }
            }

            if (sandboxChanged)
            {
                yield return new PodLifecycleEvent(uid, PodLifecycleEventType.PodSync, null);
            }
        }
    }

    private static IEnumerable<PodLifecycleEvent> Events(string uid, string id, Seen oldState, Seen newState)
    {
        switch (newState)
        {
            case Seen.Running:
                yield return new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerStarted, id);
                break;
            case Seen.Exited:
                yield return new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerDied, id);
                break;
            case Seen.Unknown:
            case Seen.Created:
                yield return new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerChanged, id);
                break;
            case Seen.NonExistent:
                if (oldState == Seen.Running)
                {
                    // It ran and vanished between two relists: report the death as well as the removal.
                    yield return new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerDied, id);
                }

                yield return new PodLifecycleEvent(uid, PodLifecycleEventType.ContainerRemoved, id);
                break;
            default:
                break;
        }
    }

    private static Dictionary<string, (Seen, bool)> States(RuntimePodSummary? pod)
    {
        var states = new Dictionary<string, (Seen, bool)>(StringComparer.Ordinal);
        if (pod is null)
        {
            return states;
        }

        foreach (var sandbox in pod.Sandboxes)
        {
            states[sandbox.Id] = (sandbox.Ready ? Seen.Running : Seen.Exited, true);
        }

        foreach (var container in pod.Containers)
        {
            states[container.Id] = (container.State switch
            {
                RuntimeContainerState.Created => Seen.Created,
                RuntimeContainerState.Running => Seen.Running,
                RuntimeContainerState.Exited => Seen.Exited,
                _ => Seen.Unknown,
            }, false);
        }

        return states;
    }
}
