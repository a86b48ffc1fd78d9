using Microsoft.Extensions.Time.Testing;
using Sharplet.Server.Auth;

namespace Sharplet.Tests.Server.Auth;

public sealed class TtlCacheTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Entry_ServesUntilItsTtl_ThenIsGone()
    {
        var cache = new TtlCache<string, int>(time);
        cache.Set("a", 1, TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        cache.TryGet("a", out var v).ShouldBeTrue();
        v.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        cache.TryGet("a", out _).ShouldBeFalse();
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public void ZeroTtl_CachesNothing()
    {
        var cache = new TtlCache<string, int>(time);
        cache.Set("a", 1, TimeSpan.Zero);

        cache.TryGet("a", out _).ShouldBeFalse();
    }

    [Fact]
    public void FullCache_DropsExpiredEntriesFirst_AndNeverGrowsPastItsCapacity()
    {
        var cache = new TtlCache<int, int>(time, capacity: 3);
        cache.Set(1, 1, TimeSpan.FromSeconds(1));
        cache.Set(2, 2, TimeSpan.FromMinutes(1));
        cache.Set(3, 3, TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromSeconds(2));

        cache.Set(4, 4, TimeSpan.FromMinutes(1));
        cache.TryGet(2, out _).ShouldBeTrue();
        cache.TryGet(4, out _).ShouldBeTrue();

        for (var i = 10; i < 100; i++)
        {
            cache.Set(i, i, TimeSpan.FromMinutes(1));
            cache.Count.ShouldBeLessThanOrEqualTo(3);
        }
    }
}
