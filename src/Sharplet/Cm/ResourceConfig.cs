namespace Sharplet.Cm;

// The limits one cgroup gets (upstream cm.ResourceConfig), in cgroup v1 units: cpu shares, CFS quota and
// period in microseconds, memory in bytes, a pids maximum. Null leaves the kernel's value (no limit) alone;
// a quota of -1 and a memory or pids value of -1 mean "unlimited" and are written as such.
internal sealed record ResourceConfig
{
    public long? CpuShares { get; init; }

    public long? CpuQuota { get; init; }

    public long? CpuPeriod { get; init; }

    public long? Memory { get; init; }

    public long? PidsLimit { get; init; }
}
