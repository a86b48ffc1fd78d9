namespace Sharplet.Nodes;

// What the node keeps back from pods (upstream kubeReserved, systemReserved, evictionHard), as the settings
// spell it: resource name or eviction signal to a quantity or percentage. Hosting fills it from the settings.
internal sealed record NodeReservations(
    IReadOnlyDictionary<string, string> KubeReserved,
    IReadOnlyDictionary<string, string> SystemReserved,
    IReadOnlyDictionary<string, string> EvictionHard);
