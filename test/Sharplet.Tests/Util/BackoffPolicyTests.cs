using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class BackoffPolicyTests
{
    [Fact]
    public void Delay_CrashLoopDefault_Is10sDoublingTo300sAndStaysThere()
    {
        var delays = Enumerable.Range(0, 8).Select(n => BackoffPolicy.CrashLoopDefault.Delay(n).TotalSeconds).ToArray();

        delays.ShouldBe([10, 20, 40, 80, 160, 300, 300, 300]);
    }

    [Fact]
    public void Delay_OtherFactor_MultipliesByItUpToTheCap()
    {
        var policy = new BackoffPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), Factor: 3);

        var delays = Enumerable.Range(0, 4).Select(n => policy.Delay(n).TotalSeconds).ToArray();

        delays.ShouldBe([2, 6, 18, 20]);
    }

    [Theory]
    [InlineData(int.MaxValue, 300)]
    [InlineData(-1, 10)]
    public void Delay_OutOfRangeFailureCount_StaysWithinInitialAndCap(int failures, double expectedSeconds)
    {
        BackoffPolicy.CrashLoopDefault.Delay(failures).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void EffectiveResetAfter_Unset_IsTwiceTheCapAsUpstream()
    {
        BackoffPolicy.CrashLoopDefault.EffectiveResetAfter.ShouldBe(TimeSpan.FromMinutes(10));
        (BackoffPolicy.CrashLoopDefault with { ResetAfter = TimeSpan.FromMinutes(1) }).EffectiveResetAfter.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Jittered_CutsByAtMostTheJitterPart_AndNeverExceedsTheNominalDelay()
    {
        var policy = new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), Jitter: 0.5);
        var random = new Random(7);
        var nominal = TimeSpan.FromSeconds(10);

        var delays = Enumerable.Range(0, 200).Select(_ => policy.Jittered(nominal, random)).ToArray();

        delays.ShouldAllBe(d => d > TimeSpan.FromSeconds(5) && d <= nominal);
        delays.Distinct().Count().ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Jittered_WithoutJitter_IsTheNominalDelay()
    {
        BackoffPolicy.CrashLoopDefault.Jittered(TimeSpan.FromSeconds(40), new Random(1)).ShouldBe(TimeSpan.FromSeconds(40));
    }
}
