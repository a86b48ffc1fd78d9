using Sharplet.Nodes;
using Sharplet.Pods;

namespace Sharplet.Hosting;

// The node as Sharplet presents it: name, addresses, labels and resources, derived once from the settings and
// the machine.
internal static class NodeIdentity
{
    public static string NodeName(SharpletSettings settings) =>
        (string.IsNullOrWhiteSpace(settings.HostnameOverride) ? System.Net.Dns.GetHostName() : settings.HostnameOverride.Trim()).ToLowerInvariant();

    public static NodeContext Build(SharpletSettings settings, NodeFacts facts)
    {
        var name = NodeName(settings);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = facts.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = facts.Architecture,
        };
        foreach (var (key, value) in settings.NodeLabels)
        {
            labels[key] = value;
        }

        var capacity = NodeResources.Capacity(facts, settings.MaxPods);
        var allocatable = NodeResources.Allocatable(capacity, Reservations(settings));
        return new NodeContext(name, facts.Addresses, allocatable, facts.MemoryBytes, labels);
    }

    public static NodeReservations Reservations(SharpletSettings settings) =>
        new(settings.KubeReserved, settings.SystemReserved, settings.EvictionHard);
}
