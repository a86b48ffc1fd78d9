using Sharplet.Prober;

namespace Sharplet.Tests.Prober;

// Upstream jitters a worker's first run only while the kubelet is younger than the probe's period.
public sealed class ProberManagerJitterTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 5.0)]
    [InlineData(0.999, 9.99)]
    public void YoungSharplet_DelayIsThatPartOfOnePeriod(double random, double seconds) =>
        ProberManager.FirstRunDelay(Period, TimeSpan.FromSeconds(3), random).TotalSeconds.ShouldBe(seconds, tolerance: 1e-6);

    [Fact]
    public void YoungSharplet_DelayStaysWithinOnePeriod() =>
        Enumerable.Range(0, 1000).Select(_ => ProberManager.FirstRunDelay(Period, TimeSpan.Zero, Random.Shared.NextDouble()))
            .ShouldAllBe(d => d >= TimeSpan.Zero && d < Period);

    [Fact]
    public void SharpletOlderThanThePeriod_NoDelay() =>
        ProberManager.FirstRunDelay(Period, TimeSpan.FromSeconds(11), 0.7).ShouldBe(TimeSpan.Zero);
}
