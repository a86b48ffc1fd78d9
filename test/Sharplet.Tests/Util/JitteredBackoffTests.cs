using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class JitteredBackoffTests
{
    private static readonly BackoffPolicy Policy = new(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), Factor: 2, Jitter: 0.5);

    [Fact]
    public void Next_WithoutJitter_DoublesUpToTheCap()
    {
        var backoff = new JitteredBackoff(Policy with { Jitter = 0 }, new Random(1));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        delays.ShouldBe([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
    }

    [Fact]
    public void Next_WithJitter_StaysWithinTheJitterBandAndNeverAboveTheCap()
    {
        var backoff = new JitteredBackoff(Policy, new Random(42));
        var nominal = new[] { 800.0, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000, 30000 };

        foreach (var expected in nominal)
        {
            var delay = backoff.Next().TotalMilliseconds;
            delay.ShouldBeGreaterThan(expected * 0.5);
            delay.ShouldBeLessThanOrEqualTo(expected);
        }
    }

    [Fact]
    public void Next_WithJitter_Varies()
    {
        var delays = Enumerable.Range(0, 20).Select(seed => new JitteredBackoff(Policy, new Random(seed)).Next()).Distinct().Count();

        delays.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Reset_StartsOverAtTheInitialDelay()
    {
        var backoff = new JitteredBackoff(Policy with { Jitter = 0 }, new Random(1));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        backoff.Next().ShouldBe(TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public void AtCap_JumpsToTheCapAndStaysThere()
    {
        var backoff = new JitteredBackoff(Policy with { Jitter = 0 }, new Random(1));

        backoff.AtCap().ShouldBe(TimeSpan.FromSeconds(30));
        backoff.Next().ShouldBe(TimeSpan.FromSeconds(30));
    }
}
