using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// The loop of one probe (upstream prober worker.run): after a first delay it probes, then every periodSeconds
// on a ticker of the injected TimeProvider, or at once when triggered (which restarts the period). It ends
// when stopped, when its tracker says the container will not run again, or when Sharplet stops; on the way
// out it forgets its verdict (the kind's initial value returns) and its counters.
// Not on KeyedWorkQueue, on purpose: nothing here retries with a growing delay. A failed probe is a result
// (counted against failureThreshold), and the next probe comes one fixed period later, as upstream's ticker; a
// queue's coalescing and backoff would change the probe cadence that the thresholds are defined against.
internal sealed partial class ProbeWorker
{
    private readonly Channel<bool> trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pod pod;
    private readonly Container container;
    private readonly Probe probe;
    private readonly TimeSpan period;
    private readonly TimeSpan firstRunDelay;
    private readonly ProbeWorkerContext context;
    private readonly Action<ProbeWorker> onExit;
    private readonly ProbeTracker tracker;

    public ProbeWorker(ProbeKey key, Pod pod, Container container, Probe probe, bool sidecar, TimeSpan firstRunDelay, ProbeWorkerContext context, Action<ProbeWorker> onExit)
    {
        Key = key;
        this.pod = pod;
        this.container = container;
        this.probe = probe;
        this.firstRunDelay = firstRunDelay;
        this.context = context;
        this.onExit = onExit;
        period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        tracker = new ProbeTracker(key.Kind, probe, container.Name, sidecar);
    }

    private enum Wake
    {
        Tick,
        Trigger,
        Stopped,
    }

    public ProbeKey Key { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken stopping) => Completion = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    // Safe to call any number of times, from anywhere.
    public void Stop() => stopped.TrySetResult();

    // Run the probe now instead of at the next tick (upstream's manual trigger); a trigger while one is
    // pending is dropped.
    public void Trigger() => trigger.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (firstRunDelay > TimeSpan.Zero && await WaitAsync(firstRunDelay, acceptTrigger: false, stopping).ConfigureAwait(false) == Wake.Stopped)
            {
                return;
            }

            var due = context.Time.GetUtcNow() + period;
            while (!stopped.Task.IsCompleted && await GuardedProbeOnceAsync(stopping).ConfigureAwait(false))
            {
                var now = context.Time.GetUtcNow();
                if (now >= due)
                {
                    // A tick passed while probing: like Go's ticker, deliver one at once and drop the others.
                    while (due <= now)
                    {
                        due += period;
                    }

                    continue;
                }

                var wake = await WaitAsync(due - now, acceptTrigger: true, stopping).ConfigureAwait(false);
                if (wake == Wake.Stopped)
                {
                    break;
                }

                due = wake == Wake.Trigger ? context.Time.GetUtcNow() + period : due + period;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Sharplet is stopping.
        }
        finally
        {
            if (tracker.ContainerId is { } id)
            {
                context.Results.Remove(id, Key.Kind);
            }

            context.Counters.Forget(Key.Kind, container.Name, Key.PodUid);
            onExit(this);
        }
    }

    // A turn that throws anywhere (the tracker, applying a result to the status) is logged and the worker goes on
    // at its next period, as upstream recovers a probe worker's panic: one bad turn must not end this
    // container's probing for the rest of the pod's life.
    private async Task<bool> GuardedProbeOnceAsync(CancellationToken stopping)
    {
        try
        {
            return await ProbeOnceAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogProbeCrashed(context.Logger, pod.Metadata?.Namespace, pod.Metadata?.Name, Key.PodUid, container.Name, Key.Kind, ex.Message);
            return true;
        }
    }

    // One turn (upstream doProbe); false when the worker should end.
    private async Task<bool> ProbeOnceAsync(CancellationToken stopping)
    {
        var entry = context.Status(Key.PodUid);
        var step = tracker.Next(entry, context.Time.GetUtcNow());
        Apply(step.Writes);
        if (!step.RunProbe)
        {
            return step.KeepGoing;
        }

        ProbeResult? result;
        var started = context.Time.GetTimestamp();
        try
        {
            result = await context.Prober.ProbeAsync(Key.Kind, probe, entry!.Pod, entry.Status, container, tracker.ContainerId!, stopping).ConfigureAwait(false);
            context.Counters.ObserveDuration(Key.Kind, container.Name, pod.Metadata?.Name ?? string.Empty, pod.Metadata?.Namespace ?? string.Empty, Key.PodUid,
                context.Time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // A probe that throws must not end the worker (upstream recovers panics and keeps going).
            LogProbeCrashed(context.Logger, pod.Metadata?.Namespace, pod.Metadata?.Name, Key.PodUid, container.Name, Key.Kind, ex.Message);
            return true;
        }

        if (result is not { } verdict)
        {
            return true;
        }

        context.Counters.Increment(Key.Kind, verdict, container.Name, pod.Metadata?.Name ?? string.Empty, pod.Metadata?.Namespace ?? string.Empty, Key.PodUid);
        if (tracker.Record(verdict) is { } write)
        {
            Apply([write]);
        }

        return true;
    }

    private void Apply(IReadOnlyList<ResultWrite> writes)
    {
        var changed = false;
        var verdict = false;
        foreach (var write in writes)
        {
            if (write.Result is not { } result)
            {
                context.Results.Remove(write.ContainerId, Key.Kind);
            }
            else if (context.Results.Set(write.ContainerId, Key.Kind, result) && write.ContainerId == tracker.ContainerId)
            {
                changed = true;
                verdict |= !write.Initial;
            }
        }

        if (changed)
        {
            var now = context.Results.Get(tracker.ContainerId!, Key.Kind);
            if (verdict)
            {
                LogResultChanged(context.Logger, pod.Metadata?.Namespace, pod.Metadata?.Name, Key.PodUid, Key.Kind, container.Name, now);
            }

            context.ResultChanged(Key, tracker.QualifiedContainerId!, now);
        }
    }

    private async Task<Wake> WaitAsync(TimeSpan delay, bool acceptTrigger, CancellationToken stopping)
    {
        if (stopped.Task.IsCompleted)
        {
            return Wake.Stopped;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var timer = Task.Delay(delay, context.Time, cancel.Token);
        var triggered = acceptTrigger ? trigger.Reader.WaitToReadAsync(cancel.Token).AsTask() : Task.Delay(Timeout.InfiniteTimeSpan, cancel.Token);
        var first = await Task.WhenAny(timer, triggered, stopped.Task).ConfigureAwait(false);

        // The losers are cancelled, not left running: a timer per period would pile up otherwise.
        await cancel.CancelAsync().ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
        if (first == stopped.Task)
        {
            return Wake.Stopped;
        }

        if (first == triggered)
        {
            trigger.Reader.TryRead(out _);
            return Wake.Trigger;
        }

        return Wake.Tick;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): {Kind} probe of container {Container} is now {Result}")]
    private static partial void LogResultChanged(ILogger logger, string? @namespace, string? pod, string? podUid, ProbeKind kind, string container, ProbeResult result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): {Kind} probe of container {Container} crashed, probing goes on: {Error}")]
    private static partial void LogProbeCrashed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, ProbeKind kind, string error);
}
