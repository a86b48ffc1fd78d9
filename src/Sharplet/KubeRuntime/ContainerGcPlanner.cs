using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

// Upstream's kuberuntime container GC decisions, without I/O. Evictable containers are the ones not running and
// older than MinAge, grouped by pod and container name, newest first. A pod whose content may go loses all of
// them; otherwise each group keeps MaxPerPodContainer, and when the node still holds more than MaxContainers
// the groups share that budget (at least one each), then the oldest go node-wide. Sandboxes: a pod whose
// content may go loses every sandbox that is not ready and holds no container; any other pod keeps its newest.
internal static class ContainerGcPlanner
{
    public static ContainerGcPlan Plan(IEnumerable<RuntimePodSummary> pods, ContainerGcPolicy policy, Func<string, bool> podContentRemovable, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(podContentRemovable);
        var podList = pods.ToList();
        var remove = new List<(RuntimePodSummary, RuntimeContainer)>();
        var units = new List<List<(RuntimePodSummary Pod, RuntimeContainer Container)>>();
        foreach (var pod in podList)
        {
            var removable = podContentRemovable(pod.Uid);
            foreach (var group in pod.Containers
                .Where(c => c.State != RuntimeContainerState.Running && now - c.CreatedAt >= policy.MinAge)
                .GroupBy(c => c.Name, StringComparer.Ordinal))
            {
                var unit = group.OrderByDescending(c => c.CreatedAt).Select(c => (pod, c)).ToList();
                if (removable)
                {
                    remove.AddRange(unit);
                }
                else
                {
                    units.Add(unit);
                }
            }
        }

        if (policy.MaxPerPodContainer >= 0)
        {
            Trim(units, policy.MaxPerPodContainer, remove);
        }

        if (policy.MaxContainers >= 0 && units.Sum(u => u.Count) > policy.MaxContainers)
        {
            Trim(units, Math.Max(1, policy.MaxContainers / Math.Max(1, units.Count)), remove);
            var left = units.SelectMany(u => u).OrderByDescending(e => e.Container.CreatedAt).ToList();
            remove.AddRange(left.Skip(policy.MaxContainers));
        }

        var sandboxes = new List<RuntimeSandbox>();
        foreach (var pod in podList)
        {
            var holding = pod.Containers.Select(c => c.SandboxId).ToHashSet(StringComparer.Ordinal);
            var newestFirst = pod.Sandboxes.OrderByDescending(s => s.CreatedAt).ToList();
            var keep = podContentRemovable(pod.Uid) ? 0 : 1;
            sandboxes.AddRange(newestFirst.Skip(keep).Where(s => !s.Ready && !holding.Contains(s.Id)));
        }

        return new ContainerGcPlan(remove, sandboxes);
    }

    private static void Trim(List<List<(RuntimePodSummary Pod, RuntimeContainer Container)>> units, int keep, List<(RuntimePodSummary, RuntimeContainer)> remove)
    {
        foreach (var unit in units)
        {
            if (unit.Count > keep)
            {
                remove.AddRange(unit.Skip(keep));
                unit.RemoveRange(keep, unit.Count - keep);
            }
        }
    }
}
