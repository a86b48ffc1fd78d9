namespace Sharplet.Server.Stats;

// stats/v1alpha1 MemoryStats (working set = usage - inactive file, as cadvisor computes it).
internal sealed record MemorySample(DateTimeOffset Time, ulong UsageBytes, ulong WorkingSetBytes, ulong RssBytes, ulong PageFaults, ulong MajorPageFaults, ulong? AvailableBytes);
