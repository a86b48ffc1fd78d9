namespace Sharplet.KubeClient;

// The cancellation of one call: the caller's token or the call's deadline, whichever comes first. The deadline
// runs on the injected TimeProvider (a linked source cannot take one, hence the pair of sources).
internal sealed class CallDeadline : IDisposable
{
    private readonly CancellationTokenSource? timer;
    private readonly CancellationTokenSource linked;

    public CallDeadline(TimeSpan deadline, TimeProvider time, CancellationToken callerToken)
    {
        Deadline = deadline;
        CallerToken = callerToken;
        if (deadline == Timeout.InfiniteTimeSpan)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        }
        else
        {
            timer = new CancellationTokenSource(deadline, time);
            linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timer.Token);
        }
    }

    public TimeSpan Deadline { get; }

    public CancellationToken CallerToken { get; }

    public CancellationToken Token => linked.Token;

    public bool Expired => !CallerToken.IsCancellationRequested && timer is { IsCancellationRequested: true };

    public void Dispose()
    {
        linked.Dispose();
        timer?.Dispose();
    }
}
