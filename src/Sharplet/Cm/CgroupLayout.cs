namespace Sharplet.Cm;

// Where pod cgroups live. With the cgroupfs driver the kubelet names the parent of each pod's containers
// (/kubepods[/burstable|/besteffort]/pod<uid>) and runc creates the directories; nobody removes them but the
// kubelet, so this class also knows every hierarchy they were created in (v1 controllers and the v2 mount).
internal sealed class CgroupLayout(string cgroupRoot, IReadOnlyList<string> hierarchyMounts)
{
    public string Root { get; } = NormalizeRoot(cgroupRoot);

    public IReadOnlyList<string> HierarchyMounts { get; } = hierarchyMounts;

    public static CgroupLayout Detect(string cgroupRoot)
    {
        var mounts = MountInfo.ReadAll()
            .Where(m => m.FsType is "cgroup" or "cgroup2")
            .Select(m => m.MountPoint)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new CgroupLayout(cgroupRoot, mounts);
    }

    // Upstream's QoS tiers: Guaranteed pods sit directly under kubepods, the others under their class.
    public string PodParent(string qosClass, string podUid)
    {
        var tier = qosClass switch
        {
            "Guaranteed" => string.Empty,
            "BestEffort" => "/besteffort",
            _ => "/burstable",
        };
        return $"{Root}{tier}/pod{podUid}";
    }

    // Removes the pod's cgroup directory from every hierarchy, deepest first. A directory that still has
    // processes cannot be removed (EBUSY); that is reported so the caller retries on a later housekeeping pass.
    public IReadOnlyList<string> RemovePodCgroups(string podUid)
    {
        var failures = new List<string>();
        foreach (var qos in new[] { "Guaranteed", "Burstable", "BestEffort" })
        {
            var relative = PodParent(qos, podUid);
            foreach (var mount in HierarchyMounts)
            {
                var dir = mount + relative;
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (var child in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(dir))
                {
                    try
                    {
                        // Cgroup directories are removed with rmdir even though they list files: the files are virtual.
                        Directory.Delete(child);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        failures.Add($"{child}: {ex.Message}");
                    }
                }
            }
        }

        return failures;
    }

    private static string NormalizeRoot(string root)
    {
        var trimmed = string.IsNullOrWhiteSpace(root) ? "/" : root.Trim();
        var baseRoot = trimmed == "/" ? string.Empty : "/" + trimmed.Trim('/');
        return baseRoot + "/kubepods";
    }
}
