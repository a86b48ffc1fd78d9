namespace Sharplet.Nodes;

// What the eviction signals measure right now, in bytes (or PIDs). A null pair was not measured (no image
// filesystem known yet, say), and thresholds on it do not apply.
internal sealed record EvictionObservation(
    long? MemoryAvailable = null,
    long? MemoryCapacity = null,
    long? NodeFsAvailable = null,
    long? NodeFsCapacity = null,
    long? ImageFsAvailable = null,
    long? ImageFsCapacity = null,
    long? PidAvailable = null,
    long? PidCapacity = null);
