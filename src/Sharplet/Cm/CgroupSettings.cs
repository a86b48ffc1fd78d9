namespace Sharplet.Cm;

// The kubelet settings the cgroup managers act on (upstream NodeConfig), with upstream's defaults.
internal sealed record CgroupSettings
{
    // --cgroup-root: the parent of kubepods.
    public string CgroupRoot { get; init; } = "/";

    // cgroupsPerQOS: the kubepods/QoS/pod hierarchy; off, pods go straight under the cgroup root.
    public bool CgroupsPerQos { get; init; } = true;

    // enforceNodeAllocatable contains "pods": kubepods is limited to allocatable rather than capacity.
    public bool EnforcePodsAllocatable { get; init; } = true;

    // podPidsLimit: -1 (or 0 from a default config) is no limit.
    public long PodPidsLimit { get; init; } = -1;

    public bool CpuCfsQuota { get; init; } = true;

    public TimeSpan CpuCfsQuotaPeriod { get; init; } = TimeSpan.FromMilliseconds(100);
}
