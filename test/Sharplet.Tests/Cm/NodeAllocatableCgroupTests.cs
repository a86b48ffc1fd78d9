using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Cm;

public sealed class NodeAllocatableCgroupTests
{
    private static readonly Dictionary<string, Quantity> Capacity = PodBuilder.Resources(("cpu", "4"), ("memory", "8Gi"), ("pid", "4194304"));

    [Fact]
    public void EnforcePods_SubtractsKubeAndSystemReserved()
    {
        var reserved = PodBuilder.Resources(("cpu", "500m"), ("memory", "1Gi"));

        var config = NodeAllocatableCgroup.For(Capacity, reserved, enforcePods: true);

        config.CpuShares.ShouldBe(3584);
        config.Memory.ShouldBe(7L << 30);
        config.PidsLimit.ShouldBeNull();
    }

    [Fact]
    public void NotEnforced_LimitsKubepodsToCapacity()
    {
        var config = NodeAllocatableCgroup.For(Capacity, PodBuilder.Resources(("memory", "1Gi")), enforcePods: false);

        config.CpuShares.ShouldBe(4096);
        config.Memory.ShouldBe(8L << 30);
    }

    [Fact]
    public void PidReservation_LimitsKubepodsPids()
    {
        var config = NodeAllocatableCgroup.For(Capacity, PodBuilder.Resources(("pid", "1000")), enforcePods: true);

        config.PidsLimit.ShouldBe(4_193_304);
    }

    [Fact]
    public void ReservedAboveCapacity_LeavesZeroNotNegative()
    {
        var config = NodeAllocatableCgroup.For(Capacity, PodBuilder.Resources(("memory", "16Gi")), enforcePods: true);

        config.Memory.ShouldBe(0);
    }
}
