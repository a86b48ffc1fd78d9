using Microsoft.Extensions.Time.Testing;
using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class BackoffTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Next_RepeatedFailures_DoubleUpToTheCap()
    {
        var backoff = new Backoff(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), time);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next("c")).Select(d => d.TotalSeconds).ToArray();

        delays.ShouldBe([1, 2, 4, 8, 8, 8]);
    }

    [Fact]
    public void Next_DefaultCrashLoopSettings_Are10sDoublingTo300s()
    {
        var backoff = new Backoff(BackoffPolicy.CrashLoopDefault, time);

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next("c").TotalSeconds).ToArray();

        delays.ShouldBe([10, 20, 40, 80, 160, 300, 300]);
    }

    [Fact]
    public void Next_AfterQuietPeriodOfTwiceTheCap_StartsOver()
    {
        var backoff = new Backoff(BackoffPolicy.CrashLoopDefault, time);
        backoff.Next("c");
        backoff.Next("c");

        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        backoff.Next("c").ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Next_WithinQuietPeriod_KeepsDoubling()
    {
        var backoff = new Backoff(BackoffPolicy.CrashLoopDefault, time);
        backoff.Next("c");

        time.Advance(TimeSpan.FromMinutes(9));

        backoff.Next("c").ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void IsInBackOffSince_TrueUntilTheDelayHasPassedSinceTheEvent()
    {
        var backoff = new Backoff(new BackoffPolicy(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60)), time);
        var finishedAt = time.GetUtcNow();
        backoff.Next("c");

        time.Advance(TimeSpan.FromSeconds(3));
        backoff.IsInBackOffSince("c", finishedAt).ShouldBeTrue();
        backoff.ReadyAt("c", finishedAt).ShouldBe(finishedAt + TimeSpan.FromSeconds(4));

        time.Advance(TimeSpan.FromSeconds(1));
        backoff.IsInBackOffSince("c", finishedAt).ShouldBeFalse();
    }

    [Fact]
    public void IsInBackOffSince_UnknownKey_IsFalse()
    {
        new Backoff(BackoffPolicy.CrashLoopDefault, time).IsInBackOffSince("x", time.GetUtcNow()).ShouldBeFalse();
    }

    [Fact]
    public void CollectGarbage_DropsIdleKeysOnly()
    {
        var backoff = new Backoff(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), time);
        backoff.Next("old");
        time.Advance(TimeSpan.FromSeconds(15));
        backoff.Next("new");
        time.Advance(TimeSpan.FromSeconds(6));

        backoff.CollectGarbage();

        backoff.Current("old").ShouldBeNull();
        backoff.Current("new").ShouldBe(TimeSpan.FromSeconds(1));
    }
}
