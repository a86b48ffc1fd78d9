using Sharplet.Cm;

namespace Sharplet.IntegrationTests.Cm;

// A cgroup root of its own (/sharplet-test-cg-<id>) in every hierarchy, so the kubepods tree a test checks is
// not shared with the other Sharplets on this containerd (which use /kubepods), and so its limits and tier
// shares are exactly the test's. `scripts/local-node down` removes sharplet-test* cgroups too if a run dies.
internal sealed class CgroupRootFixture
{
    public CgroupRootFixture()
    {
        Name = $"/sharplet-test-cg-{Guid.NewGuid().ToString("N")[..8]}";
        Hierarchy = CgroupHierarchy.Detect();
        Manager = new CgroupManager(Hierarchy);
        Manager.Create(Name, new ResourceConfig());
    }

    public string Name { get; }

    public CgroupHierarchy Hierarchy { get; }

    public CgroupManager Manager { get; }

    // The directory of a cgroup under this root in a controller's hierarchy.
    public string Dir(string controller, string relative) => Hierarchy.MountOf(controller) + Name + relative;

    public string Read(string controller, string relative, string file) => File.ReadAllText(Path.Combine(Dir(controller, relative), file)).Trim();

    public void Remove()
    {
        // The pods are gone by now (their Sharplet was disposed first); what is left is the empty tree.
        var failures = Manager.Destroy(Name);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"test cgroup root {Name} left behind: {string.Join("; ", failures)}");
        }
    }
}
