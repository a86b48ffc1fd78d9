using Sharplet.Cm;

namespace Sharplet.Tests.Cm;

public sealed class CgroupManagerTests
{
    private static readonly string[] HybridLines =
    [
        "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
        "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
        "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
        "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
    ];

    private static readonly string[] UnifiedLines = ["30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"];

    [Fact]
    public void V1Create_MakesTheCgroupInEveryHierarchyAndWritesEachFileToItsController()
    {
        using var tree = FakeCgroupTree.V1();
        var manager = new CgroupManager(tree.Hierarchy);

        manager.Create("/kubepods/podabc", new ResourceConfig { CpuShares = 512, CpuQuota = 20_000, CpuPeriod = 100_000, Memory = 1 << 26, PidsLimit = 50 });

        foreach (var controller in new[] { "cpu", "cpuacct", "cpuset", "memory", "pids" })
        {
            Directory.Exists(Path.Combine(tree.Root, controller, "kubepods", "podabc")).ShouldBeTrue(controller);
        }

        tree.Read("cpu", "/kubepods/podabc", "cpu.shares").ShouldBe("512");
        tree.Read("cpu", "/kubepods/podabc", "cpu.cfs_quota_us").ShouldBe("20000");
        tree.Read("memory", "/kubepods/podabc", "memory.limit_in_bytes").ShouldBe("67108864");
        tree.Read("pids", "/kubepods/podabc", "pids.max").ShouldBe("50");
        tree.Read("memory", "/kubepods/podabc", "cpu.shares").ShouldBeNull();
        manager.Exists("/kubepods/podabc").ShouldBeTrue();
    }

    [Fact]
    public void V2Create_DelegatesCpuMemoryAndPidsFromEveryAncestorAndWritesV2Files()
    {
        using var tree = FakeCgroupTree.V2();
        var manager = new CgroupManager(tree.Hierarchy);

        manager.Create("/kubepods", new ResourceConfig { CpuShares = 2048, Memory = 1L << 30 });

        // The fake subtree_control file keeps the last write; the kernel keeps the union. The last is "+pids".
        File.ReadAllText(Path.Combine(tree.Root, "cgroup.subtree_control")).ShouldBe("+pids");
        tree.Read(string.Empty, "/kubepods", "cpu.weight").ShouldBe("79");
        tree.Read(string.Empty, "/kubepods", "memory.max").ShouldBe("1073741824");
        tree.Read(string.Empty, "/kubepods", "memory.limit_in_bytes").ShouldBeNull();
    }

    [Fact]
    public void ValidateRoot_MissingRoot_NamesTheFlagAndTheMissingDirectory()
    {
        using var tree = FakeCgroupTree.V1();
        var manager = new CgroupManager(tree.Hierarchy);

        var ex = Should.Throw<CgroupException>(() => manager.ValidateRoot("/no-such-root"));

        ex.Message.ShouldContain("--cgroup-root /no-such-root");
        ex.Message.ShouldContain(Path.Combine(tree.Root, "cpu") + "/no-such-root");
    }

    [Fact]
    public void ValidateRoot_SlashAlwaysExists() =>
        Should.NotThrow(() =>
        {
            using var tree = FakeCgroupTree.V1();
            new CgroupManager(tree.Hierarchy).ValidateRoot("/");
        });

    [Fact]
    public void Destroy_CgroupStillHoldingSomething_ReturnsTheFailureAndRemovesTheRest()
    {
        using var tree = FakeCgroupTree.V1();
        var manager = new CgroupManager(tree.Hierarchy);
        manager.Create("/kubepods/podbusy", new ResourceConfig());

        // Plain directories with files behave like a busy cgroup: rmdir refuses them.
        File.WriteAllText(tree.Path1("memory", "/kubepods/podbusy", "cgroup.procs"), "123");

        var failures = manager.Destroy("/kubepods/podbusy");

        failures.ShouldHaveSingleItem().ShouldContain(Path.Combine(tree.Root, "memory", "kubepods", "podbusy"));
        Directory.Exists(Path.Combine(tree.Root, "cpu", "kubepods", "podbusy")).ShouldBeFalse();
    }

    [Fact]
    public void Write_Refused_NamesTheCgroupFileAndValue()
    {
        using var tree = FakeCgroupTree.V1();
        var manager = new CgroupManager(tree.Hierarchy);
        manager.Create("/kubepods/podx", new ResourceConfig());
        Directory.CreateDirectory(tree.Path1("memory", "/kubepods/podx", "memory.limit_in_bytes"));

        var ex = Should.Throw<CgroupException>(() => manager.Update("/kubepods/podx", new ResourceConfig { Memory = 4096 }));

        ex.Message.ShouldContain("cgroup /kubepods/podx");
        ex.Message.ShouldContain("\"4096\"");
        ex.Message.ShouldContain("memory.limit_in_bytes");
    }

    [Fact]
    public void Detect_HybridMounts_MapControllersAndKeepTheUnifiedMountForRemoval()
    {
        var mounts = HybridLines.Select(MountInfo.Parse).OfType<MountInfo>();

        var hierarchy = CgroupHierarchy.FromMounts(mounts);

        hierarchy.Unified.ShouldBeFalse();
        hierarchy.MountOf("cpu").ShouldBe("/sys/fs/cgroup/cpu,cpuacct");
        hierarchy.MountOf("cpuacct").ShouldBe("/sys/fs/cgroup/cpu,cpuacct");
        hierarchy.MountOf("rw").ShouldBeNull();
        hierarchy.V1Mounts.ShouldBe(["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/systemd"], ignoreOrder: true);
        hierarchy.AllMounts.ShouldContain("/sys/fs/cgroup/unified");
    }

    [Fact]
    public void Detect_UnifiedOnly_IsV2()
    {
        var mounts = UnifiedLines.Select(MountInfo.Parse).OfType<MountInfo>();

        var hierarchy = CgroupHierarchy.FromMounts(mounts);

        hierarchy.Unified.ShouldBeTrue();
        hierarchy.MountOf("memory").ShouldBe("/sys/fs/cgroup");
    }
}
