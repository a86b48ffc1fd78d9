using System.Globalization;
using Sharplet.Api;
using Sharplet.TestSupport;
using Sharplet.Util;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Nodes;

namespace Sharplet.IntegrationTests.Cm;

// The QoS cgroup hierarchy on this machine's real cgroupfs (v1): kubepods limited to allocatable, the tiers,
// and each pod's own cgroup with its class's limits, made before its sandbox and removed after it.
public sealed class PodCgroupTests : IAsyncLifetime
{
    private readonly CgroupRootFixture root = new();
    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("cgroups");
        settings.CgroupRoot = root.Name;
        settings.PodPidsLimit = 200;
        settings.KubeReserved["memory"] = "512Mi";
        settings.SystemReserved["memory"] = "512Mi";
        settings.KubeReserved["cpu"] = "100m";
        node = await SharpletNode.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        root.Remove();
    }

    [Fact]
    public void Kubepods_IsLimitedToCapacityLessReservations()
    {
        var facts = node.Service<NodeFacts>();
        var expectedMemory = (facts.MemoryBytes - (1L << 30)) / 4096 * 4096;

        long.Parse(root.Read("memory", "/kubepods", "memory.limit_in_bytes"), CultureInfo.InvariantCulture).ShouldBe(expectedMemory);
        root.Read("cpu", "/kubepods", "cpu.shares").ShouldBe(((facts.Cpus * 1000 - 100) * 1024 / 1000).ToString(CultureInfo.InvariantCulture));
        root.Read("cpu", "/kubepods/besteffort", "cpu.shares").ShouldBe("2");
        root.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("2");

        // A new cpuset cgroup is unusable until it has CPUs and memory nodes: they come from the parent.
        root.Read("cpuset", "/kubepods/besteffort", "cpuset.cpus").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task EachQosClass_GetsItsPodCgroupWithItsLimits_AndLosesItWithThePod()
    {
        node.WriteManifest("guaranteed.yaml", Manifest("guaranteed", new() { Limits = PodBuilder.Resources(("cpu", "250m"), ("memory", "64Mi")) }));
        node.WriteManifest("burstable.yaml", Manifest("burstable", new()
        {
            Requests = PodBuilder.Resources(("cpu", "100m"), ("memory", "32Mi")),
            Limits = PodBuilder.Resources(("memory", "128Mi")),
        }));
        node.WriteManifest("besteffort.yaml", Manifest("besteffort", null));
        var guaranteed = await Running("guaranteed");
        var burstable = await Running("burstable");
        var besteffort = await Running("besteffort");

        var g = $"/kubepods/pod{guaranteed}";
        root.Read("cpu", g, "cpu.shares").ShouldBe("256");
        root.Read("cpu", g, "cpu.cfs_period_us").ShouldBe("100000");
        root.Read("cpu", g, "cpu.cfs_quota_us").ShouldBe("25000");
        root.Read("memory", g, "memory.limit_in_bytes").ShouldBe((64L << 20).ToString(CultureInfo.InvariantCulture));
        root.Read("pids", g, "pids.max").ShouldBe("200");

        var b = $"/kubepods/burstable/pod{burstable}";
        root.Read("cpu", b, "cpu.shares").ShouldBe("102");
        root.Read("cpu", b, "cpu.cfs_quota_us").ShouldBe("-1");
        root.Read("memory", b, "memory.limit_in_bytes").ShouldBe((128L << 20).ToString(CultureInfo.InvariantCulture));
        root.Read("pids", b, "pids.max").ShouldBe("200");
        root.Read("cpu", "/kubepods/burstable", "cpu.shares").ShouldBe("102");

        var e = $"/kubepods/besteffort/pod{besteffort}";
        root.Read("cpu", e, "cpu.shares").ShouldBe("2");
        root.Read("cpu", e, "cpu.cfs_quota_us").ShouldBe("-1");
        long.Parse(root.Read("memory", e, "memory.limit_in_bytes"), CultureInfo.InvariantCulture).ShouldBeGreaterThan(1L << 40);
        root.Read("pids", e, "pids.max").ShouldBe("200");

        // runc put the sandbox and the container inside the pod's cgroup, in every hierarchy that limits it.
        foreach (var (controller, dir) in new[] { ("cpu", g), ("memory", b), ("pids", e) })
        {
            Directory.EnumerateDirectories(root.Dir(controller, dir)).Count().ShouldBeGreaterThanOrEqualTo(2, $"{controller}{dir}");
        }

        node.DeleteManifest("burstable.yaml");
        await node.WaitForGoneAsync("burstable");
        await WaitAsync(() => !root.Hierarchy.AllMounts.Any(m => Directory.Exists(m + root.Name + b)), $"cgroup {b} removed");
        await WaitAsync(() => root.Read("cpu", "/kubepods/burstable", "cpu.shares") == "2", "burstable tier back to 2 shares");
        Directory.Exists(root.Dir("cpu", g)).ShouldBeTrue();
    }

    [Fact]
    public async Task PodMemoryLimitBelowTheMinimum_DoesNotStartAndTheEventNamesThePod()
    {
        node.WriteManifest("tiny.yaml", Manifest("tiny", new() { Limits = PodBuilder.Resources(("cpu", "100m"), ("memory", "4Mi")) }));

        var line = await node.WaitForLogAsync("FailedCreatePodContainer", "tiny pod refused");

        line.ShouldContain($"pod default/{node.PodName("tiny")}");
        line.ShouldContain("container main: memory limit 4194304 bytes");
        (await node.SandboxesAsync("tiny")).ShouldBeEmpty();
    }

    private async Task<string> Running(string name) =>
        (await node.WaitForAsync(name, "Running", s => s.Status.Phase == PodPhase.Running)).Pod.Metadata!.Uid!;

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within 30s");
            }

            await Task.Delay(100);
        }
    }

    private static StaticPod Manifest(string name, ResourceRequirements? resources) =>
        StaticPod.Sleeper(name).With(c => c.Resources = resources);
}

// Bad cgroup settings stop the start with a sentence that names the flag.
public sealed class CgroupRootValidationTests
{
    [Fact]
    public async Task MissingCgroupRoot_StopsTheStartNamingTheFlag()
    {
        var settings = SharpletNode.DefaultSettings("cgroot");
        settings.CgroupRoot = "/sharplet-test-no-such-root";
        try
        {
            var ex = await Should.ThrowAsync<ConfigException>(() => SharpletNode.StartAsync(settings));

            ex.Message.ShouldContain("--cgroup-root /sharplet-test-no-such-root");
            ex.Message.ShouldContain("does not exist");
        }
        finally
        {
            await SharpletNode.RemoveEverythingAsync(settings);
        }
    }
}
