namespace Sharplet.Server.Stats;

internal sealed record ContainerSample(string Name, DateTimeOffset StartTime, CpuSample? Cpu, MemorySample? Memory, FsSample? Rootfs, FsSample? Logs);
