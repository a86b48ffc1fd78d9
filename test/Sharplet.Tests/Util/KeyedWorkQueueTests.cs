using Microsoft.Extensions.Time.Testing;
using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class KeyedWorkQueueTests : IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly KeyedWorkQueue<string> queue;

    public KeyedWorkQueueTests() =>
        queue = new KeyedWorkQueue<string>(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), time, StringComparer.Ordinal);

    public void Dispose() => queue.Dispose();

    [Fact]
    public void Add_SameKeyTwiceBeforeTaken_IsQueuedOnce()
    {
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Drain().ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Add_WhileKeyIsProcessed_HandsItOutAgainOnlyAfterDone()
    {
        queue.Add("a");
        queue.TryTake(out var taken).ShouldBeTrue();

        queue.Add("a");

        queue.TryTake(out _).ShouldBeFalse("a key being processed must not be handed out twice");
        queue.Done(taken);
        Drain().ShouldBe(["a"]);
    }

    [Fact]
    public void Add_SeveralTimesWhileKeyIsProcessed_IsHandedOutOnceMoreAfterDone()
    {
        queue.Add("a");
        queue.TryTake(out var taken).ShouldBeTrue();

        queue.Add("a");
        queue.Add("a");
        queue.AddAfter("a", TimeSpan.Zero);
        queue.Done(taken);

        Drain().ShouldBe(["a"], "the adds made during the pass coalesce into one more pass");
    }

    [Fact]
    public async Task TakeAsync_WaitingWhenTheQueueIsDisposed_EndsInsteadOfWaitingForever()
    {
        var take = queue.TakeAsync(CancellationToken.None).AsTask();

        queue.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(() => take.WaitAsync(TimeSpan.FromSeconds(10)));
        await Should.ThrowAsync<ObjectDisposedException>(() => queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TakeAsync_CallerCancels_EndsWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => take.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Add_AfterDispose_IsDropped()
    {
        queue.Dispose();

        queue.Add("a");
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        queue.Count.ShouldBe(0);
    }

    [Fact]
    public void Done_WithoutAddMeanwhile_DoesNotRequeue()
    {
        queue.Add("a");
        queue.TryTake(out var taken).ShouldBeTrue();

        queue.Done(taken);

        queue.Count.ShouldBe(0);
    }

    [Fact]
    public void AddAfter_IsReadyOnlyOnceTheDelayHasPassed_AndTheEarliestDelayWins()
    {
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(8));

        time.Advance(TimeSpan.FromSeconds(2));
        queue.Count.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(1));
        Drain().ShouldBe(["a"]);
        time.Advance(TimeSpan.FromSeconds(10));
        queue.Count.ShouldBe(0, "the later delays were replaced by the earliest");
    }

    [Fact]
    public void AddRateLimited_ConsecutiveFailures_DoubleUpToTheCap_AndForgetStartsOver()
    {
        var delays = Enumerable.Range(0, 5).Select(_ => queue.AddRateLimited("a").TotalSeconds).ToArray();

        delays.ShouldBe([1, 2, 4, 5, 5]);
        queue.Failures("a").ShouldBe(5);
        queue.Forget("a");
        queue.AddRateLimited("a").ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Remove_DropsThePendingDelayedAdd()
    {
        queue.AddRateLimited("a");

        queue.Remove("a");
        time.Advance(TimeSpan.FromMinutes(1));

        queue.Count.ShouldBe(0);
        queue.Failures("a").ShouldBe(0);
    }

    [Fact]
    public async Task TakeAsync_WaitsForAKeyAddedLater()
    {
        var take = queue.TakeAsync(CancellationToken.None).AsTask();
        take.IsCompleted.ShouldBeFalse();

        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        (await take.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("a");
    }

    private List<string> Drain()
    {
        var keys = new List<string>();
        while (queue.TryTake(out var key))
        {
            keys.Add(key);
            queue.Done(key);
        }

        return keys;
    }
}
