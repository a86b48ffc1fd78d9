namespace Sharplet.Cm;

// The cgroup filesystems of this machine. v1 (or hybrid): one mount per controller set (cpu, memory, pids,
// name=systemd, ...), and on a hybrid host an extra cgroup2 mount runc also places processes in. v2: a single
// unified mount. The kubelet's cgroups must exist in every v1 hierarchy (runc's cgroupfs driver joins all of
// them), and are removed from all of them, the hybrid unified mount included.
internal sealed record CgroupHierarchy(bool Unified, IReadOnlyDictionary<string, string> Controllers, IReadOnlyList<string> AllMounts)
{
    // Controllers a pod cgroup needs (upstream's whitelisted subsystems, less the optional ones).
    public static readonly IReadOnlyList<string> Required = ["cpu", "cpuacct", "cpuset", "memory", "pids"];

    public static CgroupHierarchy Detect() => FromMounts(MountInfo.ReadAll());

    public static CgroupHierarchy FromMounts(IEnumerable<MountInfo> mounts)
    {
        var list = mounts.Where(m => m.Root == "/" && m.FsType is "cgroup" or "cgroup2").ToList();
        var v1 = list.Where(m => m.FsType == "cgroup").ToList();
        var all = list.Select(m => m.MountPoint).Distinct(StringComparer.Ordinal).ToList();
        if (v1.Count == 0 && list.FirstOrDefault(m => m.FsType == "cgroup2") is { } unified)
        {
            return new CgroupHierarchy(true, new Dictionary<string, string>(StringComparer.Ordinal), [unified.MountPoint]);
        }

        var controllers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in v1)
        {
            foreach (var option in mount.SuperOptions.Where(o => o is not ("rw" or "ro")))
            {
                controllers.TryAdd(option, mount.MountPoint);
            }
        }

        return new CgroupHierarchy(false, controllers, all);
    }

    // v1 hierarchies a cgroup is made in: every controller mount (not the hybrid cgroup2 one, which runc
    // manages itself).
    public IReadOnlyList<string> V1Mounts => Controllers.Values.Distinct(StringComparer.Ordinal).ToList();

    public string? MountOf(string controller) => Unified ? AllMounts[0] : Controllers.GetValueOrDefault(controller);
}
