using Sharplet.Eviction;

namespace Sharplet.Tests.Eviction;

// Upstream synchronize's bookkeeping: met thresholds, grace periods, minimum reclaim and the transition period.
public sealed class ThresholdTrackerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Threshold HardMemory = new("memory.available", new ThresholdValue(100L << 20, 0), TimeSpan.Zero, null);

    private static Dictionary<string, SignalObservation> Memory(long available, DateTimeOffset at) =>
        new(StringComparer.Ordinal) { ["memory.available"] = new(available, 16L << 30, at) };

    [Fact]
    public void HardThresholdCrossed_ActsAtOnceAndReportsMemoryPressure()
    {
        var tracker = new ThresholdTracker([HardMemory], TimeSpan.FromMinutes(5));

        var decision = tracker.Observe(Memory(50L << 20, T0), T0);

        decision.Acting.ShouldBe([HardMemory]);
        tracker.Conditions.ShouldBe(["MemoryPressure"]);
    }

    [Fact]
    public void AvailableEqualToTheThreshold_IsNotMet()
    {
        var tracker = new ThresholdTracker([HardMemory], TimeSpan.FromMinutes(5));

        tracker.Observe(Memory(100L << 20, T0), T0).Acting.ShouldBeEmpty();
        tracker.Conditions.ShouldBeEmpty();
    }

    [Fact]
    public void SoftThreshold_ReportsPressureAtOnceButActsOnlyAfterItsGracePeriod()
    {
        var soft = new Threshold("memory.available", new ThresholdValue(1L << 30, 0), TimeSpan.FromMinutes(1), null);
        var tracker = new ThresholdTracker([soft], TimeSpan.FromMinutes(5));

        tracker.Observe(Memory(512L << 20, T0), T0).Acting.ShouldBeEmpty();
        tracker.Conditions.ShouldBe(["MemoryPressure"]);
        tracker.Observe(Memory(512L << 20, T0.AddSeconds(59)), T0.AddSeconds(59)).Acting.ShouldBeEmpty();
        tracker.Observe(Memory(512L << 20, T0.AddSeconds(60)), T0.AddSeconds(60)).Acting.ShouldBe([soft]);
    }

    [Fact]
    public void SoftThresholdThatRecoversWithinItsGracePeriod_StartsItsGracePeriodAgainNextTime()
    {
        var soft = new Threshold("memory.available", new ThresholdValue(1L << 30, 0), TimeSpan.FromMinutes(1), null);
        var tracker = new ThresholdTracker([soft], TimeSpan.FromMinutes(5));

        tracker.Observe(Memory(512L << 20, T0), T0);
        tracker.Observe(Memory(2L << 30, T0.AddSeconds(30)), T0.AddSeconds(30));

        tracker.Observe(Memory(512L << 20, T0.AddSeconds(70)), T0.AddSeconds(70)).Acting.ShouldBeEmpty("the grace period restarted at 70 s");
    }

    [Fact]
    public void MetThreshold_StaysMetUntilTheSignalClimbsPastTheMinimumReclaim()
    {
        var withReclaim = HardMemory with { MinReclaim = new ThresholdValue(500L << 20, 0) };
        var tracker = new ThresholdTracker([withReclaim], TimeSpan.Zero);

        tracker.Observe(Memory(50L << 20, T0), T0).Acting.ShouldNotBeEmpty();
        tracker.Observe(Memory(200L << 20, T0.AddSeconds(10)), T0.AddSeconds(10)).Acting.ShouldBe([withReclaim], "200Mi is above 100Mi but below 100Mi + 500Mi");
        tracker.Observe(Memory(700L << 20, T0.AddSeconds(20)), T0.AddSeconds(20)).Acting.ShouldBeEmpty();
        tracker.Observe(Memory(200L << 20, T0.AddSeconds(30)), T0.AddSeconds(30)).Acting.ShouldBeEmpty("once resolved, only the threshold itself counts");
    }

    [Fact]
    public void PressureCondition_StaysForTheTransitionPeriodAfterItWasLastSeen()
    {
        var tracker = new ThresholdTracker([HardMemory], TimeSpan.FromMinutes(5));

        tracker.Observe(Memory(50L << 20, T0), T0);
        tracker.Observe(Memory(8L << 30, T0.AddMinutes(4)), T0.AddMinutes(4)).Acting.ShouldBeEmpty();
        tracker.Conditions.ShouldBe(["MemoryPressure"]);
        tracker.Observe(Memory(8L << 30, T0.AddMinutes(5)), T0.AddMinutes(5));
        tracker.Conditions.ShouldBeEmpty();
    }

    [Fact]
    public void SignalWithoutAFigure_MeetsNothingAndIsReportedMissing()
    {
        var pid = new Threshold("pid.available", new ThresholdValue(1000, 0), TimeSpan.Zero, null);
        var tracker = new ThresholdTracker([HardMemory, pid], TimeSpan.FromMinutes(5));

        var decision = tracker.Observe(Memory(8L << 30, T0), T0);

        decision.Acting.ShouldBeEmpty();
        decision.MissingSignals.ShouldBe(["pid.available"]);
        tracker.Conditions.ShouldBeEmpty();
    }

    [Fact]
    public void StaleFigure_DoesNotActTwice()
    {
        var tracker = new ThresholdTracker([HardMemory], TimeSpan.FromMinutes(5));

        tracker.Observe(Memory(50L << 20, T0), T0).Acting.ShouldNotBeEmpty();
        tracker.Observe(Memory(50L << 20, T0), T0.AddSeconds(10)).Acting.ShouldBeEmpty("the figure was taken at T0 and already acted on");
    }

    [Fact]
    public void SeveralThresholdsMet_MemoryComesFirst()
    {
        var disk = new Threshold("nodefs.available", new ThresholdValue(null, 10), TimeSpan.Zero, null);
        var tracker = new ThresholdTracker([disk, HardMemory], TimeSpan.FromMinutes(5));
        var observations = Memory(50L << 20, T0);
        observations["nodefs.available"] = new(1L << 30, 100L << 30, T0);

        tracker.Observe(observations, T0).Acting.Select(t => t.Signal).ShouldBe(["memory.available", "nodefs.available"]);
        tracker.Conditions.ShouldBe(["MemoryPressure", "DiskPressure"], ignoreOrder: true);
    }
}
