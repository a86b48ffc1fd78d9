namespace Sharplet.Api;

// Upstream's GetPodQOS: Guaranteed when every container sets cpu and memory limits equal to its requests,
// BestEffort when no container sets any cpu or memory request or limit, Burstable otherwise.
internal static class QosClass
{
    private static readonly string[] Tracked = [ResourceName.Cpu, ResourceName.Memory];

    public static string Of(PodSpec spec)
    {
        var requests = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var limits = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            var containerRequests = Pick(container.Resources?.Requests);
            var containerLimits = Pick(container.Resources?.Limits);
            Accumulate(requests, containerRequests);
            Accumulate(limits, containerLimits);
            if (containerLimits.Count != Tracked.Length)
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return PodQOSClass.BestEffort;
        }

        if (guaranteed && Tracked.All(r => requests.TryGetValue(r, out var req) && limits.TryGetValue(r, out var lim) && req == lim))
        {
            return PodQOSClass.Guaranteed;
        }

        return PodQOSClass.Burstable;
    }

    private static Dictionary<string, Quantity> Pick(Dictionary<string, Quantity>? resources)
    {
        var picked = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var name in Tracked)
        {
            if (resources is not null && resources.TryGetValue(name, out var q) && !q.IsZero)
            {
                picked[name] = q;
            }
        }

        return picked;
    }

    private static void Accumulate(Dictionary<string, Quantity> total, Dictionary<string, Quantity> add)
    {
        foreach (var (name, q) in add)
        {
            total[name] = total.TryGetValue(name, out var existing) ? existing + q : q;
        }
    }
}
