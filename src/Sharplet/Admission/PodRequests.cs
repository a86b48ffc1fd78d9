using Sharplet.Api;

namespace Sharplet.Admission;

// What a pod asks of the node (upstream resourcehelper.PodRequests): its regular containers and sidecars run
// together, a regular init container runs alone (with the sidecars started before it), plus the overhead.
internal static class PodRequests
{
    public static Dictionary<string, Quantity> Of(PodSpec spec)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var sidecars = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var initPeak = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var init in spec.InitContainers ?? [])
        {
            if (init.RestartPolicy == ContainerRestartPolicy.Always)
            {
                Add(sidecars, init.Resources?.Requests);
                continue;
            }

            var running = new Dictionary<string, Quantity>(sidecars, StringComparer.Ordinal);
            Add(running, init.Resources?.Requests);
            Max(initPeak, running);
        }

        foreach (var container in spec.Containers ?? [])
        {
            Add(total, container.Resources?.Requests);
        }

        Add(total, sidecars);
        Max(total, initPeak);
        Add(total, spec.Overhead);
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
