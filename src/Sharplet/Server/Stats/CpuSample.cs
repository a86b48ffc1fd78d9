namespace Sharplet.Server.Stats;

// stats/v1alpha1 CPUStats: cumulative core-nanoseconds and, when a previous sample exists, the rate in nanocores.
internal sealed record CpuSample(DateTimeOffset Time, ulong UsageCoreNanoSeconds, ulong? UsageNanoCores);
