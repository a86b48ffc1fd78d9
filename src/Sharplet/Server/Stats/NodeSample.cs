namespace Sharplet.Server.Stats;

internal sealed record NodeSample(
    string NodeName, DateTimeOffset StartTime, CpuSample? Cpu, MemorySample? Memory, IReadOnlyList<InterfaceSample> Network,
    FsSample? Fs, FsSample? ImageFs, IReadOnlyList<ContainerSample> SystemContainers);
