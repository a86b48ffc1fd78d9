using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Sharplet.Tests.Prober;

// A fake clock that says when a timer was created, so a test advances time only once the code under test is
// waiting on it (otherwise the advance could land before the wait starts and be missed).
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<bool> created = Channel.CreateUnbounded<bool>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Writer.TryWrite(true);
        return timer;
    }

    public async Task TimerCreatedAsync(string waitingFor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await created.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no timer was created while waiting for {waitingFor}");
        }
    }
}
