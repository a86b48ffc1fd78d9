using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.Nodes;
using Sharplet.Util;

namespace Sharplet.Tests.Nodes;

// Allocatable = capacity - kubeReserved - systemReserved - hard eviction thresholds (upstream's node allocatable).
public sealed class NodeResourcesTests
{
    private static Dictionary<string, Quantity> Capacity() => new(StringComparer.Ordinal)
    {
        ["cpu"] = Quantity.Parse("4"),
        ["memory"] = Quantity.Parse("8Gi"),
        ["ephemeral-storage"] = Quantity.Parse("100Gi"),
        ["pods"] = Quantity.Parse("110"),
    };

    private static NodeReservations Settings(Action<SharpletSettings>? configure = null)
    {
        var settings = new SharpletSettings { EvictionHard = new Dictionary<string, string>(StringComparer.Ordinal) };
        configure?.Invoke(settings);
        return NodeIdentity.Reservations(settings);
    }

    [Fact]
    public void WithoutARootDirFigure_NoEphemeralStorageInCapacityOrAllocatable()
    {
        var facts = new NodeFacts("h", ["10.0.0.1"], 4, 8L << 30, null, "m", "u", "b", "k", "os", "amd64");

        var capacity = NodeResources.Capacity(facts, 110);
        var allocatable = NodeResources.Allocatable(capacity, Settings(s => s.EvictionHard = new Dictionary<string, string> { ["nodefs.available"] = "10%" }));

        capacity.Keys.ShouldBe(["cpu", "memory", "pods"], ignoreOrder: true);
        allocatable.ContainsKey("ephemeral-storage").ShouldBeFalse();
        NodeResources.Capacity(facts with { EphemeralStorageBytes = 100L << 30 }, 110)["ephemeral-storage"].ShouldBe(Quantity.Parse("100Gi"));
    }

    [Fact]
    public void NothingReserved_AllocatableIsCapacity()
    {
        var allocatable = NodeResources.Allocatable(Capacity(), Settings());

        allocatable.ShouldBe(Capacity());
    }

    [Fact]
    public void ReservedResources_AreSubtracted()
    {
        var allocatable = NodeResources.Allocatable(Capacity(), Settings(s =>
        {
            s.KubeReserved = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "512Mi" };
            s.SystemReserved = new Dictionary<string, string> { ["cpu"] = "400m", ["memory"] = "512Mi", ["ephemeral-storage"] = "10Gi" };
        }));

        allocatable["cpu"].ShouldBe(Quantity.Parse("3500m"));
        allocatable["memory"].ShouldBe(Quantity.Parse("7Gi"));
        allocatable["ephemeral-storage"].ShouldBe(Quantity.Parse("90Gi"));
        allocatable["pods"].ShouldBe(Quantity.Parse("110"));
    }

    [Fact]
    public void DefaultEvictionThresholds_ComeOffMemoryAndEphemeralStorage()
    {
        var allocatable = NodeResources.Allocatable(Capacity(), NodeIdentity.Reservations(new SharpletSettings()));

        allocatable["memory"].ShouldBe(Quantity.Parse("8092Mi"));
        allocatable["ephemeral-storage"].ShouldBe(Quantity.Parse("90Gi"));
        allocatable["cpu"].ShouldBe(Quantity.Parse("4"));
    }

    [Fact]
    public void PercentageThreshold_IsAShareOfCapacity()
    {
        var allocatable = NodeResources.Allocatable(Capacity(), Settings(s => s.EvictionHard["memory.available"] = "25%"));

        allocatable["memory"].ShouldBe(Quantity.Parse("6Gi"));
    }

    [Fact]
    public void ReservingMoreThanCapacity_LeavesZero()
    {
        var allocatable = NodeResources.Allocatable(Capacity(), Settings(s => s.SystemReserved = new Dictionary<string, string> { ["cpu"] = "8" }));

        allocatable["cpu"].IsZero.ShouldBeTrue();
    }

    [Fact]
    public void UnparsableReservation_IsAConfigError()
    {
        Should.Throw<ConfigException>(() => NodeResources.Allocatable(Capacity(), Settings(s => s.KubeReserved = new Dictionary<string, string> { ["memory"] = "lots" })))
            .Message.ShouldBe("reserved memory: \"lots\" is not a quantity");
    }

    [Fact]
    public void Capacity_ReportsMemoryInKibibytes()
    {
        var facts = new NodeFacts("h", [], 2, 8141404L * 1024, 10L << 30, "m", "u", "b", "6.1", "Linux", "amd64");

        var capacity = NodeResources.Capacity(facts, 50);

        capacity["cpu"].ToString().ShouldBe("2");
        capacity["memory"].ToString().ShouldBe("8141404Ki");
        capacity["ephemeral-storage"].ToString().ShouldBe("10Gi");
        capacity["pods"].ToString().ShouldBe("50");
    }
}
