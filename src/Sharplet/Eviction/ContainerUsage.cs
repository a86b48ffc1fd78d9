namespace Sharplet.Eviction;

internal sealed record ContainerUsage(string Name, long? MemoryWorkingSet, long? RootfsBytes, long? LogsBytes);
