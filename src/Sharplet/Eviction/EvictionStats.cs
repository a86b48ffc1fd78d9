namespace Sharplet.Eviction;

// One reading: every signal that could be measured, each running pod's usage by UID, and whether the runtime's
// image filesystem is a filesystem of its own (it changes what nodefs and imagefs hold).
internal sealed record EvictionStats(
    IReadOnlyDictionary<string, SignalObservation> Observations, IReadOnlyDictionary<string, PodUsage> Pods, bool DedicatedImageFs);
