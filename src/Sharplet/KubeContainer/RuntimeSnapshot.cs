using Sharplet.Cri.V1;

namespace Sharplet.KubeContainer;

// Every pod the runtime holds, grouped by the pod UID label; sandboxes and containers without one were not
// made by a kubelet and are ignored.
internal sealed record RuntimeSnapshot(IReadOnlyDictionary<string, RuntimePodSummary> Pods, DateTimeOffset ObservedAt)
{
    public static RuntimeSnapshot From(IReadOnlyList<PodSandbox> sandboxes, IReadOnlyList<Container> containers, DateTimeOffset observedAt)
    {
        var pods = new Dictionary<string, (List<RuntimeSandbox> Sandboxes, List<RuntimeContainer> Containers, string Name, string Namespace)>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);

        (List<RuntimeSandbox>, List<RuntimeContainer>, string, string) Entry(string uid, IReadOnlyDictionary<string, string> labels)
        {
            if (!pods.TryGetValue(uid, out var entry))
            {
                entry = ([], [], KubeLabels.Get(labels, KubeLabels.PodName) ?? string.Empty, KubeLabels.Get(labels, KubeLabels.PodNamespace) ?? string.Empty);
                pods[uid] = entry;
            }

            return entry;
        }

        foreach (var sandbox in sandboxes)
        {
            if (KubeLabels.Get(sandbox.Labels, KubeLabels.PodUid) is { Length: > 0 } uid)
            {
                Entry(uid, sandbox.Labels).Item1.Add(CriConvert.FromListed(sandbox));
                if (KubeLabels.Get(sandbox.Labels, KubeLabels.NodeName) is { } node)
                {
                    nodes[uid] = node;
                }

            }
        }

        foreach (var container in containers)
        {
            if (KubeLabels.Get(container.Labels, KubeLabels.PodUid) is { Length: > 0 } uid)
            {
                Entry(uid, container.Labels).Item2.Add(CriConvert.FromListed(container));
            }
        }

        var result = pods.ToDictionary(
            p => p.Key,
            p => new RuntimePodSummary(
                p.Key,
                p.Value.Name,
                p.Value.Namespace,
                p.Value.Sandboxes.OrderByDescending(s => s.CreatedAt).ToList(),
                p.Value.Containers.OrderByDescending(c => c.CreatedAt).ToList(),
                nodes.GetValueOrDefault(p.Key)),
            StringComparer.Ordinal);
        return new RuntimeSnapshot(result, observedAt);
    }
}
