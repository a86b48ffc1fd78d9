using Sharplet.Api;
using Sharplet.Eviction;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Eviction;

// Upstream's rankMemoryPressure, rankDiskPressureFunc and rankPIDPressure.
public sealed class PodRankerTests
{
    private static Pod Pod(string name, string? memoryRequest = null, int? priority = null, string? storageRequest = null)
    {
        var requests = new List<(string, string)>();
        if (memoryRequest is not null)
        {
            requests.Add(("memory", memoryRequest));
            requests.Add(("cpu", "100m"));
        }

        if (storageRequest is not null)
        {
            requests.Add(("ephemeral-storage", storageRequest));
        }

        return new PodBuilder()
            .Meta(m => { m.Name = name; m.Uid = name; })
            .Container("app", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources([.. requests]), Limits = PodBuilder.Resources([.. requests]) })
            .Spec(s => s.Priority = priority)
            .Build();
    }

    private static PodUsage Memory(long bytes) => new(bytes, [new ContainerUsage("app", bytes, 0, 0)], 0, 1);

    [Fact]
    public void MemoryPressure_BestEffortOverItsRequestGoesBeforeAGuaranteedPodWithinItsRequest_EvenWhenUsingLess()
    {
        var guaranteed = Pod("guaranteed", memoryRequest: "2Gi");
        var bestEffort = Pod("best-effort");
        var usage = new Dictionary<string, PodUsage> { ["guaranteed"] = Memory(1L << 30), ["best-effort"] = Memory(100L << 20) };

        var ranked = PodRanker.Rank("memory.available", [guaranteed, bestEffort], p => usage[p.Metadata!.Uid!], false);

        ranked.Select(p => p.Metadata!.Name).ShouldBe(["best-effort", "guaranteed"]);
    }

    [Fact]
    public void MemoryPressure_AmongPodsOverTheirRequests_LowerPriorityFirst_ThenMoreUsageOverRequest()
    {
        var important = Pod("important", priority: 1000);
        var small = Pod("small");
        var big = Pod("big");
        var usage = new Dictionary<string, PodUsage> { ["important"] = Memory(4L << 30), ["small"] = Memory(1L << 20), ["big"] = Memory(1L << 30) };

        var ranked = PodRanker.Rank("memory.available", [important, small, big], p => usage[p.Metadata!.Uid!], false);

        ranked.Select(p => p.Metadata!.Name).ShouldBe(["big", "small", "important"]);
    }

    [Fact]
    public void PodWithoutFigures_IsRankedFirst()
    {
        var measured = Pod("measured");
        var unknown = Pod("unknown");

        var ranked = PodRanker.Rank("memory.available", [measured, unknown], p => p.Metadata!.Name == "measured" ? Memory(1L << 30) : null, false);

        ranked[0].Metadata!.Name.ShouldBe("unknown");
    }

    [Fact]
    public void DiskPressure_OnOneFilesystem_CountsLayersLogsAndEmptyDirsAgainstTheEphemeralStorageRequest()
    {
        var requested = Pod("requested", storageRequest: "10Gi");
        var writer = Pod("writer");
        var usage = new Dictionary<string, PodUsage>
        {
            ["requested"] = new(0, [new ContainerUsage("app", 0, 5L << 30, 0)], 0, 1),
            ["writer"] = new(0, [new ContainerUsage("app", 0, 1L << 20, 1L << 20)], 500L << 20, 1),
        };

        var ranked = PodRanker.Rank("nodefs.available", [requested, writer], p => usage[p.Metadata!.Uid!], dedicatedImageFs: false);

        ranked.Select(p => p.Metadata!.Name).ShouldBe(["writer", "requested"]);
    }

    [Fact]
    public void DiskPressure_WithADedicatedImageFs_NodeFsCountsLogsAndVolumesOnly()
    {
        var layers = new PodUsage(0, [new ContainerUsage("app", 0, 9L << 30, 0)], 0, 1);
        var volumes = new PodUsage(0, [new ContainerUsage("app", 0, 0, 1L << 20)], 2L << 30, 1);

        volumes.DiskBytes("nodefs.available", dedicatedImageFs: true).ShouldBe((2L << 30) + (1L << 20));
        layers.DiskBytes("nodefs.available", dedicatedImageFs: true).ShouldBe(0);
        layers.DiskBytes("imagefs.available", dedicatedImageFs: true).ShouldBe(9L << 30);
        layers.DiskBytes("nodefs.available", dedicatedImageFs: false).ShouldBe(9L << 30);
    }

    [Fact]
    public void PidPressure_LowerPriorityFirst_ThenMoreProcesses()
    {
        var few = Pod("few");
        var many = Pod("many");
        var critical = Pod("critical", priority: 100);
        var usage = new Dictionary<string, PodUsage> { ["few"] = new(0, [], 0, 3), ["many"] = new(0, [], 0, 300), ["critical"] = new(0, [], 0, 3000) };

        var ranked = PodRanker.Rank("pid.available", [critical, few, many], p => usage[p.Metadata!.Uid!], false);

        ranked.Select(p => p.Metadata!.Name).ShouldBe(["many", "few", "critical"]);
    }
}
