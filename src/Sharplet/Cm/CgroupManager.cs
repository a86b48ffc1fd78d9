using System.Text;

namespace Sharplet.Cm;

// The cgroupfs driver (upstream cgroupManagerImpl with libcontainer's fs managers): a cgroup is an absolute
// name ("/kubepods/burstable/pod<uid>") made as a directory in every hierarchy. On v1 it is created in each
// controller's mount and the limits go to the controller that owns each file; on v2 in the unified mount,
// with cpu, memory and pids delegated from every ancestor. Writes are single write(2) calls, as the kernel
// takes one value per write (O_TRUNC is accepted and ignored by cgroupfs, and keeps plain-file fakes exact).
internal sealed class CgroupManager(CgroupHierarchy hierarchy)
{
    public CgroupHierarchy Hierarchy { get; } = hierarchy;

    // Upstream validateSystemRequirements/cgroup root check: the root must already exist in the hierarchies a
    // pod needs; creating it silently would hide a typo in --cgroup-root.
    public void ValidateRoot(string cgroupRoot)
    {
        foreach (var dir in RequiredDirs(cgroupRoot))
        {
            if (!Directory.Exists(dir))
            {
                throw new CgroupException($"--cgroup-root {cgroupRoot}: the cgroup does not exist ({dir} is missing)");
            }
        }
    }

    public bool Exists(string name) => RequiredDirs(name).All(Directory.Exists);

    // Creates the cgroup (and its missing parents) and writes the limits. Idempotent: an existing cgroup only
    // gets its limits written again.
    public void Create(string name, ResourceConfig config)
    {
        if (Hierarchy.Unified)
        {
            CreateV2(Hierarchy.AllMounts[0], name);
        }
        else
        {
            foreach (var mount in Hierarchy.V1Mounts)
            {
                CreateV1(mount, name);
            }
        }

        Update(name, config);
    }

    public void Update(string name, ResourceConfig config)
    {
        var files = CgroupFileMapping.For(Hierarchy.Unified, config);
        foreach (var file in files)
        {
            var mount = Hierarchy.MountOf(Hierarchy.Unified ? "cpu" : file.Controller);
            if (mount is null)
            {
                // A controller this machine does not mount (pids on an old kernel): nothing to limit with.
                continue;
            }

            Write(Path.Combine(mount + name, file.Name), file.Value, name);
        }
    }

    // Removes the cgroup from every hierarchy, children first. A directory that still holds processes cannot
    // be removed (EBUSY): each such failure is returned so the caller retries later.
    public IReadOnlyList<string> Destroy(string name)
    {
        var failures = new List<string>();
        foreach (var mount in Hierarchy.AllMounts)
        {
            var dir = mount + name;
            if (!Directory.Exists(dir))
            {
                continue;
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                children = [];
            }

            foreach (var child in children.Append(dir))
            {
                try
                {
                    // rmdir even though the directory lists files: cgroup control files are virtual.
                    Directory.Delete(child);
                }
                catch (DirectoryNotFoundException)
                {
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failures.Add($"{child}: {ex.Message}");
                }
            }
        }

        return failures;
    }

    // The value of a control file (tests and the QoS manager's "already written" check read it back).
    public string? Read(string controller, string name, string file)
    {
        var mount = Hierarchy.MountOf(controller);
        var path = mount is null ? null : Path.Combine(mount + name, file);
        return path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    // The names of the direct child cgroups (in the cpu hierarchy, which every pod cgroup has).
    public IReadOnlyList<string> Children(string name)
    {
        var mount = Hierarchy.MountOf("cpu") ?? (Hierarchy.AllMounts.Count > 0 ? Hierarchy.AllMounts[0] : null);
        var dir = mount is null ? null : mount + name;
        return dir is not null && Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().ToList() : [];
    }

    private IEnumerable<string> RequiredDirs(string name)
    {
        if (Hierarchy.Unified)
        {
            yield return Hierarchy.AllMounts[0] + Trim(name);
            yield break;
        }

        foreach (var controller in CgroupHierarchy.Required)
        {
            if (Hierarchy.MountOf(controller) is { } mount)
            {
                yield return mount + Trim(name);
            }
        }
    }

    private static string Trim(string name) => name == "/" ? string.Empty : name;

    private static void CreateV1(string mount, string name)
    {
        var dir = mount;
        foreach (var segment in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var parent = dir;
            dir = Path.Combine(dir, segment);
            if (Directory.Exists(dir))
            {
                continue;
            }

            Directory.CreateDirectory(dir);

            // A new cpuset cgroup starts with no CPUs and no memory nodes, and nothing can join it until both
            // are set: inherit the parent's (libcontainer does the same for the cgroups it makes).
            foreach (var file in new[] { "cpuset.cpus", "cpuset.mems" })
            {
                var own = Path.Combine(dir, file);
                if (File.Exists(own) && File.ReadAllText(own).Trim().Length == 0)
                {
                    Write(own, File.ReadAllText(Path.Combine(parent, file)).Trim(), name);
                }
            }
        }
    }

    private static void CreateV2(string mount, string name)
    {
        var dir = mount;
        foreach (var segment in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            EnableControllers(dir, name);
            dir = Path.Combine(dir, segment);
            Directory.CreateDirectory(dir);
        }
    }

    // A v2 cgroup only has the cpu/memory/pids files if its parent delegates those controllers.
    private static void EnableControllers(string dir, string name)
    {
        var available = Path.Combine(dir, "cgroup.controllers");
        var subtree = Path.Combine(dir, "cgroup.subtree_control");
        if (!File.Exists(available) || !File.Exists(subtree))
        {
            return;
        }

        var offered = File.ReadAllText(available).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var enabled = File.ReadAllText(subtree).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var controller in CgroupFileMapping.V2Controllers.Where(c => offered.Contains(c) && !enabled.Contains(c)))
        {
            Write(subtree, "+" + controller, name);
        }
    }

    private static void Write(string path, string value, string name)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Write(Encoding.ASCII.GetBytes(value));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"cgroup {name}: writing \"{value}\" to {path} failed: {ex.Message}", ex);
        }
    }
}
