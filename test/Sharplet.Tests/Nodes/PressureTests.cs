using Sharplet.Hosting;
using Sharplet.Nodes;
using Sharplet.Util;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

// Pressure from upstream's default hard eviction thresholds against what the host measures.
public sealed class PressureTests
{
    private static readonly IReadOnlyList<EvictionThreshold> Defaults = EvictionThreshold.Parse(new SharpletSettings().EvictionHard);

    private static readonly EvictionObservation Plenty = new(
        MemoryAvailable: 8L << 30, MemoryCapacity: 16L << 30,
        NodeFsAvailable: 50L << 30, NodeFsCapacity: 100L << 30,
        ImageFsAvailable: 50L << 30, ImageFsCapacity: 100L << 30,
        PidAvailable: 30000, PidCapacity: 32768);

    [Fact]
    public void PlentyOfEverything_NoPressure()
    {
        PressureEvaluator.Evaluate(Defaults, Plenty).ShouldBe(PressureSignals.None);
    }

    [Fact]
    public void MemoryBelow100Mi_MemoryPressure()
    {
        PressureEvaluator.Evaluate(Defaults, Plenty with { MemoryAvailable = (100L << 20) - 1 }).ShouldBe(new PressureSignals(true, false, false));
        PressureEvaluator.Evaluate(Defaults, Plenty with { MemoryAvailable = 100L << 20 }).Memory.ShouldBeFalse("the threshold itself is not below it");
    }

    [Fact]
    public void NodeFsBelow10PercentOrImageFsBelow15Percent_DiskPressure()
    {
        PressureEvaluator.Evaluate(Defaults, Plenty with { NodeFsAvailable = 9L << 30 }).Disk.ShouldBeTrue();
        PressureEvaluator.Evaluate(Defaults, Plenty with { ImageFsAvailable = 14L << 30 }).Disk.ShouldBeTrue();
        PressureEvaluator.Evaluate(Defaults, Plenty with { ImageFsAvailable = null, ImageFsCapacity = null }).Disk.ShouldBeFalse("an unmeasured signal does not count");
    }

    [Fact]
    public void PidThresholdOnlyWhenConfigured()
    {
        var low = Plenty with { PidAvailable = 100 };
        PressureEvaluator.Evaluate(Defaults, low).Pid.ShouldBeFalse();

        var withPid = EvictionThreshold.Parse(new Dictionary<string, string> { ["pid.available"] = "1000" });
        PressureEvaluator.Evaluate(withPid, low).Pid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("120%")]
    [InlineData("-1Mi")]
    public void BadThreshold_IsAConfigErrorNamingTheSignal(string value)
    {
        var ex = Should.Throw<ConfigException>(() => EvictionThreshold.Parse(new Dictionary<string, string> { ["memory.available"] = value }));

        ex.Message.ShouldStartWith($"evictionHard memory.available: \"{value}\"");
    }

    [Fact]
    public void PressureStaysForTheTransitionPeriodAfterItWasLastSeen()
    {
        var transitions = new PressureTransitions(TimeSpan.FromMinutes(5));

        transitions.Apply(new PressureSignals(true, false, false), T0).Memory.ShouldBeTrue();
        transitions.Apply(PressureSignals.None, T0.AddMinutes(4)).Memory.ShouldBeTrue();
        transitions.Apply(PressureSignals.None, T0.AddMinutes(5)).Memory.ShouldBeFalse();
        transitions.Apply(PressureSignals.None, T0.AddMinutes(6)).ShouldBe(PressureSignals.None);
    }
}
