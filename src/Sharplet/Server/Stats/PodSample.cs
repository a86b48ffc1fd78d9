namespace Sharplet.Server.Stats;

internal sealed record PodSample(
    string Name, string Namespace, string Uid, DateTimeOffset StartTime, IReadOnlyList<ContainerSample> Containers,
    CpuSample? Cpu, MemorySample? Memory, IReadOnlyList<InterfaceSample> Network, FsSample? EphemeralStorage, ulong? ProcessCount);
