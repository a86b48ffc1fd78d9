using System.Globalization;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Nodes;

// Capacity and allocatable as upstream computes them: allocatable = capacity - kubeReserved - systemReserved -
// hard eviction thresholds (memory.available for memory, nodefs.available for ephemeral storage).
internal static class NodeResources
{
    // Without a root dir figure (localStorageCapacityIsolation false) no ephemeral-storage, as upstream's
    // MachineInfo setter; allocatable follows, having nothing to subtract from.
    public static Dictionary<string, Quantity> Capacity(NodeFacts facts, int maxPods)
    {
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            [ResourceName.Cpu] = Quantity.FromInt64(facts.Cpus),
            [ResourceName.Memory] = Quantity.Parse($"{facts.MemoryBytes / 1024}Ki"),
            [ResourceName.Pods] = Quantity.FromInt64(maxPods),
        };
        if (facts.EphemeralStorageBytes is { } storage)
        {
            capacity[ResourceName.EphemeralStorage] = Quantity.Parse($"{storage / 1024}Ki");
        }

        return capacity;
    }

    public static Dictionary<string, Quantity> Allocatable(IReadOnlyDictionary<string, Quantity> capacity, NodeReservations settings)
    {
        var result = new Dictionary<string, Quantity>(capacity, StringComparer.Ordinal);
        foreach (var reserved in new[] { settings.KubeReserved, settings.SystemReserved })
        {
            foreach (var (name, text) in reserved)
            {
                Subtract(result, name, Parse(text, $"reserved {name}"));
            }
        }

        foreach (var (signal, threshold) in settings.EvictionHard)
        {
            var resource = signal switch
            {
                "memory.available" => ResourceName.Memory,
                "nodefs.available" => ResourceName.EphemeralStorage,
                _ => null,
            };
            if (resource is null || !capacity.TryGetValue(resource, out var total))
            {
                continue;
            }

            var amount = threshold.EndsWith('%')
                ? Quantity.FromInt64((long)(total.Value() * double.Parse(threshold.TrimEnd('%'), CultureInfo.InvariantCulture) / 100))
                : Parse(threshold, $"evictionHard {signal}");
            Subtract(result, resource, amount);
        }

        return result;
    }

    private static Quantity Parse(string text, string what) =>
        Quantity.TryParse(text, out var q) ? q : throw new ConfigException($"{what}: \"{text}\" is not a quantity");

    private static void Subtract(Dictionary<string, Quantity> list, string name, Quantity amount)
    {
        if (list.TryGetValue(name, out var current))
        {
            var left = current - amount;
            list[name] = left.Sign < 0 ? Quantity.Zero : left;
        }
    }
}
