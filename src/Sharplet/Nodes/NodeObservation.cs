namespace Sharplet.Nodes;

// The node's health as seen at one instant, the input of the conditions: what keeps it from being Ready
// (runtime errors include an unhealthy PLEG, as upstream's runtimeState health checks do) and whether each
// eviction signal is (still) under pressure, and the node's images (null: not listed this time, kept as they were).
internal sealed record NodeObservation(
    IReadOnlyList<string> RuntimeErrors,
    IReadOnlyList<string> NetworkErrors,
    bool MemoryPressure,
    bool DiskPressure,
    bool PidPressure,
    IReadOnlyList<Api.ContainerImage>? Images = null)
{
    public static NodeObservation Healthy { get; } = new([], [], false, false, false);
}
