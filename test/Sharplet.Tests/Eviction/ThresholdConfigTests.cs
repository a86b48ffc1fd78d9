using Sharplet.Eviction;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Eviction;

// Upstream's ParseThresholdConfig: evictionHard, evictionSoft with grace periods, evictionMinimumReclaim.
public sealed class ThresholdConfigTests
{
    private static readonly Dictionary<string, string> None = new(StringComparer.Ordinal);

    [Fact]
    public void DefaultHardThresholds_AreHardWithUpstreamValues_AndMemoryAlsoGuardsAllocatable()
    {
        var thresholds = ThresholdConfig.Parse(new SharpletSettings().EvictionHard, None, None, None, enforcePodsAllocatable: true);

        thresholds.ShouldAllBe(t => t.IsHard);
        thresholds.Single(t => t.Signal == "memory.available").Value.ShouldBe(new ThresholdValue(100L << 20, 0));
        thresholds.Single(t => t.Signal == "nodefs.available").Value.ShouldBe(new ThresholdValue(null, 10));
        thresholds.Single(t => t.Signal == "imagefs.available").Value.ShouldBe(new ThresholdValue(null, 15));
        thresholds.Single(t => t.Signal == "allocatableMemory.available").Value.ShouldBe(new ThresholdValue(100L << 20, 0));
    }

    [Fact]
    public void SoftThreshold_TakesItsGracePeriod_AndMinimumReclaimAppliesToEveryThresholdOfTheSignal()
    {
        var thresholds = ThresholdConfig.Parse(
            new Dictionary<string, string> { ["memory.available"] = "100Mi" },
            new Dictionary<string, string> { ["memory.available"] = "1Gi" },
            new Dictionary<string, string> { ["memory.available"] = "1m30s" },
            new Dictionary<string, string> { ["memory.available"] = "500Mi" },
            enforcePodsAllocatable: false);

        var soft = thresholds.Single(t => !t.IsHard);
        soft.GracePeriod.ShouldBe(TimeSpan.FromSeconds(90));
        soft.Value.Amount.ShouldBe(1L << 30);
        thresholds.ShouldAllBe(t => t.MinReclaim == new ThresholdValue(500L << 20, 0));
    }

    [Fact]
    public void SoftThresholdWithoutGracePeriod_IsAnErrorNamingTheSignal()
    {
        var ex = Should.Throw<ConfigException>(() => ThresholdConfig.Parse(None, new Dictionary<string, string> { ["nodefs.available"] = "20%" }, None, None, false));

        ex.Message.ShouldBe("evictionSoftGracePeriod: grace period must be specified for the soft eviction threshold nodefs.available");
    }

    [Theory]
    [InlineData("memory.avail", "100Mi", "evictionHard: unsupported eviction signal memory.avail")]
    [InlineData("memory.available", "lots", "evictionHard memory.available: \"lots\" is not a quantity or a percentage")]
    [InlineData("nodefs.available", "120%", "evictionHard nodefs.available: \"120%\" is not a percentage between 0% and 100%")]
    [InlineData("memory.available", "-1Mi", "evictionHard memory.available: \"-1Mi\" is not a quantity or a percentage")]
    public void BadHardThreshold_IsAConfigErrorNamingTheFieldAndSignal(string signal, string value, string message)
    {
        Should.Throw<ConfigException>(() => ThresholdConfig.Parse(new Dictionary<string, string> { [signal] = value }, None, None, None, false))
            .Message.ShouldBe(message);
    }
}
