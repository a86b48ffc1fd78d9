using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Sharplet.TestSupport;

// A FakeTimeProvider that reports every timer created on it (Task.Delay, PeriodicTimer, CancellationTokenSource
// deadlines all make one), so a test can await "the code under test is now waiting" and see for how long,
// instead of advancing blindly and racing the code that has yet to start its wait.
internal sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Writer.TryWrite(dueTime);
        return timer;
    }

    // The due time of the next timer created (in creation order), waiting for it up to 10 s of real time;
    // waitingFor names that timer in the timeout's message.
    public async Task<TimeSpan> NextTimerAsync(string waitingFor = "a timer (Task.Delay or deadline)")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await created.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the code under test started no timer within 10 s while the test waited for {waitingFor}");
        }
    }

    // Waits for the next timer and lets it fire; returns its due time.
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        var due = await NextTimerAsync();
        Advance(due);
        return due;
    }
}
