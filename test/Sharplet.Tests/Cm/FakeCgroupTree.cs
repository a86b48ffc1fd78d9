using Sharplet.Cm;

namespace Sharplet.Tests.Cm;

// A cgroup filesystem made of plain directories under a temp dir: v1 with one directory per controller, or v2
// with a single unified root that offers cpu, memory and pids. Control files are ordinary files here, so the
// tests read back exactly what the manager wrote.
internal sealed class FakeCgroupTree : IDisposable
{
    private FakeCgroupTree(string root, CgroupHierarchy hierarchy)
    {
        Root = root;
        Hierarchy = hierarchy;
    }

    public string Root { get; }

    public CgroupHierarchy Hierarchy { get; }

    public static FakeCgroupTree V1()
    {
        var root = Directory.CreateTempSubdirectory("sharplet-cg-").FullName;
        var controllers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var controller in new[] { "cpu", "cpuacct", "cpuset", "memory", "pids" })
        {
            var mount = Path.Combine(root, controller);
            Directory.CreateDirectory(mount);
            controllers[controller] = mount;
        }

        File.WriteAllText(Path.Combine(root, "cpuset", "cpuset.cpus"), "0-3\n");
        File.WriteAllText(Path.Combine(root, "cpuset", "cpuset.mems"), "0\n");
        return new FakeCgroupTree(root, new CgroupHierarchy(false, controllers, controllers.Values.ToList()));
    }

    public static FakeCgroupTree V2()
    {
        var root = Directory.CreateTempSubdirectory("sharplet-cg2-").FullName;
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpuset cpu io memory pids\n");
        File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), string.Empty);
        return new FakeCgroupTree(root, new CgroupHierarchy(true, new Dictionary<string, string>(StringComparer.Ordinal), [root]));
    }

    public string Path1(string controller, string name, string file) =>
        Path.Combine(Hierarchy.Unified ? Root : Path.Combine(Root, controller), name.TrimStart('/'), file);

    public string? Read(string controller, string name, string file) =>
        File.Exists(Path1(controller, name, file)) ? File.ReadAllText(Path1(controller, name, file)) : null;

    // On cgroupfs control files vanish with the directory; here they are real files, so a test removes them
    // (all but cgroup.procs, which stands for a process still inside) before it expects an rmdir to work.
    public void DropControlFiles(string name)
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains(name.TrimStart('/') + "/", StringComparison.Ordinal) && Path.GetFileName(f) != "cgroup.procs"))
        {
            File.Delete(file);
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
