namespace Sharplet.Api;

// A pod's effective requests or limits (upstream resourcehelper.PodRequests/PodLimits): regular containers and
// restartable init containers (sidecars) run together and add up; a regular init container runs alone with
// the sidecars started before it, so the pod needs the larger of the two; the pod overhead comes on top.
// Admission (fit), the pod cgroups and eviction ranking all count with it.
internal static class PodResourceTotals
{
    public static Dictionary<string, Quantity> Requests(PodSpec spec) => Total(spec, r => r?.Requests, null);

    // Limits, and whether every container declared a cpu and a memory limit (a pod-level limit only holds if
    // no container can run unbounded).
    public static Dictionary<string, Quantity> Limits(PodSpec spec, out bool cpuDeclared, out bool memoryDeclared)
    {
        var cpu = true;
        var memory = true;
        var total = Total(spec, r => r?.Limits, limits =>
        {
            cpu &= limits is not null && limits.TryGetValue(ResourceName.Cpu, out var c) && !c.IsZero;
            memory &= limits is not null && limits.TryGetValue(ResourceName.Memory, out var m) && !m.IsZero;
        });
        cpuDeclared = cpu;
        memoryDeclared = memory;
        return total;
    }

    private static Dictionary<string, Quantity> Total(PodSpec spec, Func<ResourceRequirements?, Dictionary<string, Quantity>?> pick, Action<Dictionary<string, Quantity>?>? each)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var sidecars = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var initPeak = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var init in spec.InitContainers ?? [])
        {
            var list = pick(init.Resources);
            each?.Invoke(list);
            if (init.RestartPolicy == ContainerRestartPolicy.Always)
            {
                Add(sidecars, list);
                continue;
            }

            var running = new Dictionary<string, Quantity>(sidecars, StringComparer.Ordinal);
            Add(running, list);
            Max(initPeak, running);
        }

        foreach (var container in spec.Containers ?? [])
        {
            var list = pick(container.Resources);
            each?.Invoke(list);
            Add(total, list);
        }

        Add(total, sidecars);
        Max(total, initPeak);

        // Overhead adds to every request, but only to limits that are set (upstream: an unset limit stays
        // unlimited).
        foreach (var (name, q) in spec.Overhead ?? [])
        {
            if (each is null || total.ContainsKey(name))
            {
                total[name] = total.TryGetValue(name, out var existing) ? existing + q : q;
            }
        }

        return total;
    }

    public static void Add(Dictionary<string, Quantity> into, IReadOnlyDictionary<string, Quantity>? add)
    {
        foreach (var (name, q) in add ?? new Dictionary<string, Quantity>())
        {
            into[name] = into.TryGetValue(name, out var existing) ? existing + q : q;
        }
    }

    private static void Max(Dictionary<string, Quantity> into, Dictionary<string, Quantity> other)
    {
        foreach (var (name, q) in other)
        {
            if (!into.TryGetValue(name, out var existing) || q > existing)
            {
                into[name] = q;
            }
        }
    }
}
