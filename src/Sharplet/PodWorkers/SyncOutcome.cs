namespace Sharplet.PodWorkers;

// The result of one sync: the pod has reached a terminal phase (it will be stopped, not synced again), or it
// should be looked at again after a delay (a backoff ending, a failed step to retry, the periodic resync).
internal sealed record SyncOutcome(bool Terminal, TimeSpan? RequeueAfter)
{
    public static SyncOutcome Done { get; } = new(true, null);

    public static SyncOutcome After(TimeSpan delay) => new(false, delay);
}
