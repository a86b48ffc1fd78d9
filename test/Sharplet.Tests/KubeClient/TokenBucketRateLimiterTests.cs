using Microsoft.Extensions.Time.Testing;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class TokenBucketRateLimiterTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void TryAcquire_FullBucket_AllowsExactlyTheBurst()
    {
        var limiter = new TokenBucketRateLimiter(qps: 5, burst: 3, time);

        Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire()).ShouldAllBe(ok => ok);
        limiter.TryAcquire().ShouldBeFalse();
    }

    [Fact]
    public void TryAcquire_EmptyBucket_RefillsAtQps()
    {
        var limiter = new TokenBucketRateLimiter(qps: 5, burst: 3, time);
        while (limiter.TryAcquire())
        {
        }

        time.Advance(TimeSpan.FromMilliseconds(199));
        limiter.TryAcquire().ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        limiter.TryAcquire().ShouldBeTrue();
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsNoMoreThanTheBurst()
    {
        var limiter = new TokenBucketRateLimiter(qps: 50, burst: 100, time);
        Enumerable.Range(0, 100).ShouldAllBe(_ => limiter.TryAcquire());

        time.Advance(TimeSpan.FromHours(1));

        Enumerable.Range(0, 100).ShouldAllBe(_ => limiter.TryAcquire());
        limiter.TryAcquire().ShouldBeFalse();
    }

    [Fact]
    public async Task WaitAsync_PastTheBurst_WaitersAreReleasedOnePerInterval()
    {
        var limiter = new TokenBucketRateLimiter(qps: 10, burst: 2, time);
        await limiter.WaitAsync(CancellationToken.None);
        await limiter.WaitAsync(CancellationToken.None);

        var third = limiter.WaitAsync(CancellationToken.None).AsTask();
        var fourth = limiter.WaitAsync(CancellationToken.None).AsTask();
        third.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromMilliseconds(100));
        await third;
        fourth.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromMilliseconds(100));
        await fourth;
    }

    [Fact]
    public async Task WaitAsync_Cancelled_GivesItsReservationBack()
    {
        var limiter = new TokenBucketRateLimiter(qps: 1, burst: 1, time);
        await limiter.WaitAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = limiter.WaitAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(waiting);
        time.Advance(TimeSpan.FromSeconds(1));
        limiter.TryAcquire().ShouldBeTrue();
    }

    [Fact]
    public void TryAcquire_ZeroQps_IsUnlimited()
    {
        var limiter = new TokenBucketRateLimiter(qps: 0, burst: 0, time);

        limiter.IsUnlimited.ShouldBeTrue();
        Enumerable.Range(0, 10_000).ShouldAllBe(_ => limiter.TryAcquire());
    }

    [Fact]
    public void Defaults_AreTheKubeletsQpsAndBurst()
    {
        var options = new KubeClientOptions();

        options.Qps.ShouldBe(50);
        options.Burst.ShouldBe(100);
    }
}
