using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Cm;

public sealed class PodContainerManagerTests : IDisposable
{
    private readonly FakeCgroupTree tree = FakeCgroupTree.V1();
    private readonly CgroupManager cgroups;
    private readonly QosContainerManager qos;
    private readonly PodContainerManager pods;
    private readonly CapturingLogger<PodContainerManager> log = new();

    public PodContainerManagerTests()
    {
        cgroups = new CgroupManager(tree.Hierarchy);
        var settings = new CgroupSettings { PodPidsLimit = 100 };
        qos = new QosContainerManager(cgroups, settings, new ResourceConfig { CpuShares = 4096, Memory = 8L << 30 }, new CapturingLogger<QosContainerManager>());
        qos.Start();
        pods = new PodContainerManager(cgroups, settings, qos, log);
    }

    [Fact]
    public void Start_MakesKubepodsWithItsLimitsAndTheTwoTiers()
    {
        tree.Read("cpu", "/kubepods", "cpu.shares").ShouldBe("4096");
        tree.Read("memory", "/kubepods", "memory.limit_in_bytes").ShouldBe((8L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
        tree.Read("cpu", "/kubepods/besteffort", "cpu.shares").ShouldBe("2");
        tree.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("2");
    }

    [Fact]
    public void EnsureExists_PutsEachClassInItsTierWithItsLimits()
    {
        pods.EnsureExists(Pod("g", Both(("cpu", "500m"), ("memory", "64Mi"))), PodQOSClass.Guaranteed);
        pods.EnsureExists(Pod("b", new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "250m")) }), PodQOSClass.Burstable);
        pods.EnsureExists(Pod("e", null), PodQOSClass.BestEffort);

        tree.Read("cpu", "/kubepods/podg", "cpu.cfs_quota_us").ShouldBe("50000");
        tree.Read("memory", "/kubepods/podg", "memory.limit_in_bytes").ShouldBe("67108864");
        tree.Read("cpu", "/kubepods/burstable/podb", "cpu.shares").ShouldBe("256");
        tree.Read("memory", "/kubepods/burstable/podb", "memory.limit_in_bytes").ShouldBeNull();
        tree.Read("cpu", "/kubepods/besteffort/pode", "cpu.shares").ShouldBe("2");
        tree.Read("pids", "/kubepods/besteffort/pode", "pids.max").ShouldBe("100");
    }

    [Fact]
    public void BurstableTierShares_FollowTheBurstablePodsComingAndGoing()
    {
        pods.EnsureExists(Pod("b1", new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "250m")) }), PodQOSClass.Burstable);
        pods.EnsureExists(Pod("b2", new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "750m")) }), PodQOSClass.Burstable);
        tree.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("1024");

        tree.DropControlFiles("/kubepods/burstable/podb2");
        pods.Destroy("b2").ShouldBeEmpty();

        tree.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("256");
        Directory.Exists(Path.Combine(tree.Root, "cpu", "kubepods", "burstable", "podb2")).ShouldBeFalse();
    }

    [Fact]
    public void Reconcile_RewritesATierShareChangedBehindOurBack()
    {
        pods.EnsureExists(Pod("b1", new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "500m")) }), PodQOSClass.Burstable);
        File.WriteAllText(tree.Path1("cpu", "/kubepods/burstable", "cpu.shares"), "2");

        qos.Reconcile();

        tree.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("512");
    }

    [Fact]
    public void EnsureExists_MemoryLimitBelowWhatRuncCanStart_NamesThePod()
    {
        var ex = Should.Throw<CgroupException>(() => pods.EnsureExists(Pod("tiny", Both(("cpu", "100m"), ("memory", "4Mi"))), PodQOSClass.Guaranteed));

        ex.Message.ShouldContain("pod default/web");
        ex.Message.ShouldContain("container c: memory limit 4194304 bytes");
        Directory.Exists(Path.Combine(tree.Root, "cpu", "kubepods", "podtiny")).ShouldBeFalse();
    }

    [Fact]
    public void Destroy_BusyCgroup_IsRetriedByHousekeepingUntilItGoes()
    {
        pods.EnsureExists(Pod("busy", null), PodQOSClass.BestEffort);
        var procs = tree.Path1("memory", "/kubepods/besteffort/podbusy", "cgroup.procs");
        File.WriteAllText(procs, "4242");

        pods.Destroy("busy").ShouldNotBeEmpty();
        pods.PendingRemovals.ShouldBe(["busy"]);
        log.Lines.ShouldContain(l => l.Contains("busy", StringComparison.Ordinal) && l.Contains("retries", StringComparison.Ordinal));

        pods.RetryPendingRemovals();
        pods.PendingRemovals.ShouldBe(["busy"]);

        File.Delete(procs);
        tree.DropControlFiles("/kubepods/besteffort/podbusy");
        pods.RetryPendingRemovals();

        pods.PendingRemovals.ShouldBeEmpty();
        Directory.Exists(Path.Combine(tree.Root, "memory", "kubepods", "besteffort", "podbusy")).ShouldBeFalse();
    }

    [Fact]
    public void CgroupsPerQosOff_PodsGoUnderTheRootAndNothingIsMade()
    {
        var off = new PodContainerManager(cgroups, new CgroupSettings { CgroupsPerQos = false, CgroupRoot = "/" }, qos, log);

        off.NameOf(PodQOSClass.Burstable, "u1").ShouldBe("/");
        off.EnsureExists(Pod("u1", null), PodQOSClass.BestEffort);

        Directory.Exists(Path.Combine(tree.Root, "cpu", "kubepods", "besteffort", "podu1")).ShouldBeFalse();
    }

    [Fact]
    public void NameOf_CustomRoot_NestsKubepodsUnderIt()
    {
        var custom = new QosContainerManager(cgroups, new CgroupSettings { CgroupRoot = "/test-root/" }, new ResourceConfig(), new CapturingLogger<QosContainerManager>());

        custom.TierOf(PodQOSClass.BestEffort).ShouldBe("/test-root/kubepods/besteffort");
        custom.TierOf(PodQOSClass.Guaranteed).ShouldBe("/test-root/kubepods");
    }

    public void Dispose() => tree.Dispose();

    private static Pod Pod(string uid, ResourceRequirements? resources) =>
        new PodBuilder().Meta(m => m.Uid = uid).Container("c", c => c.Resources = resources).Build();

    private static ResourceRequirements Both(params (string Name, string Value)[] items) =>
        new() { Requests = PodBuilder.Resources(items), Limits = PodBuilder.Resources(items) };
}
