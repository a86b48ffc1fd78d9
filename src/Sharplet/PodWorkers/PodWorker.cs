using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.Util;

namespace Sharplet.PodWorkers;

// The one loop that acts on one pod UID. Updates arrive from anywhere (config, PLEG, probes, timers) and only
// set the latest desired pod and flags, then wake the loop; the loop always works on the newest of them, so
// a burst of updates costs one sync. Nothing else ever touches this pod in the runtime.
internal sealed partial class PodWorker
{
    // A failed step is retried after 1 s, doubling to 30 s; a successful step starts over.
    // Why this loop is not on KeyedWorkQueue: the worker already is upstream's per-pod goroutine, so "one pass
    // per pod at a time" and "a burst of updates costs one pass" come from this loop and its one-slot wake
    // channel, and a shared queue would be a second copy of that guarantee that could disagree with it. And
    // the requeue is latest-wins (the pass just finished knows best when the pod wants looking at again, e.g.
    // when a container's back-off ends), where a queue's AddAfter keeps the earliest pending delay. The delays
    // themselves come from BackoffPolicy, as the queue's do.
    private static readonly BackoffPolicy StepRetry = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock gate = new();
    private readonly PodSyncer syncer;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Action<PodWorker> onFinished;
    private readonly Action<Pod> onTerminating;
    private readonly Action<Pod> onTerminated;
    private readonly string? logDirectory;
    private Pod? pod;
    private bool removed;
    private bool restartAfterCleanup;
    private bool finished;
    private long? gracePeriodOverride;
    private PodKill? kill;

    // What the next sync is, for kubelet_pod_worker_duration_seconds: the first one creates the pod, the first
    // after a config change updates it, the rest sync it.
    private string nextOperation = PodWorkOperation.Create;
    private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? requeue;
    private int failures;

    public PodWorker(
        string uid,
        Pod? pod,
        string? logDirectory,
        PodSyncer syncer,
        TimeProvider time,
        ILogger logger,
        Action<PodWorker> onFinished,
        Action<Pod> onTerminating,
        Action<Pod> onTerminated)
    {
        Uid = uid;
        this.pod = pod;
        this.logDirectory = logDirectory;
        this.syncer = syncer;
        this.time = time;
        this.logger = logger;
        this.onFinished = onFinished;
        this.onTerminating = onTerminating;
        this.onTerminated = onTerminated;
        State = pod is null ? PodWorkerState.Terminating : PodWorkerState.Syncing;
    }

    public string Uid { get; }

    public PodWorkerState State { get; private set; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public Pod? Pod
    {
        get
        {
            lock (gate)
            {
                return pod;
            }
        }
    }

    public void Start(CancellationToken stopping)
    {
        Completion = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        Wake();
    }

    // False when this worker has already finished: the caller must start a new one.
    public bool Update(Pod desired)
    {
        lock (gate)
        {
            if (finished)
            {
                return false;
            }

            if (!ReferenceEquals(pod, desired) && nextOperation != PodWorkOperation.Create)
            {
                nextOperation = PodWorkOperation.Update;
            }

            pod = desired;

            // The same UID wanted again after its removal (a manifest put back): finish the teardown, then
            // start over instead of ending, as upstream does for a restarted static pod.
            if (removed)
            {
                restartAfterCleanup = true;
            }
        }

        Wake();
        return true;
    }

    // The pod is no longer wanted: stop it (with this grace period if given), clean up, and end the worker.
    public void Remove(long? gracePeriod)
    {
        lock (gate)
        {
            removed = true;
            gracePeriodOverride ??= gracePeriod;
        }

        Wake();
    }

    public void Wake() => wake.Writer.TryWrite(true);

    // True once the kubelet has stopped the pod while it stays wanted (evicted): its content may be removed.
    public bool Killed
    {
        get
        {
            lock (gate)
            {
                return kill is not null;
            }
        }
    }

    // Completes once the pod's containers and sandbox are stopped (or the worker ends).
    public Task Terminated => terminated.Task;

    // Stops the pod while it stays wanted (upstream's TerminatePodAbnormally, as eviction does): it is killed with
    // the kill's grace period and reported terminal with its status. False when the pod is already stopping.
    public bool Kill(PodKill podKill)
    {
        lock (gate)
        {
            if (State != PodWorkerState.Syncing || removed || kill is not null)
            {
                return false;
            }

            kill = podKill;
        }

        Wake();
        return true;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (await wake.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                wake.Reader.TryRead(out _);
                if (await StepAsync(stopping).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Sharplet is stopping; the pod keeps running and the next Sharplet adopts it.
        }
        finally
        {
            requeue?.Dispose();
            terminated.TrySetResult();
        }
    }

    // One turn of the state machine; true when the worker is finished.
    private async Task<bool> StepAsync(CancellationToken stopping)
    {
        Pod? current;
        bool isRemoved;
        long? grace;
        PodKill? killing;
        string operation;
        lock (gate)
        {
            current = pod;
            isRemoved = removed;
            grace = gracePeriodOverride;
            killing = kill;
            operation = nextOperation;
        }

        try
        {
            switch (State)
            {
                case PodWorkerState.Syncing when isRemoved || killing is not null || current!.Metadata?.DeletionTimestamp is not null:
                    State = PodWorkerState.Terminating;
                    Wake();
                    return false;
                case PodWorkerState.Syncing:
                    SyncBegun(operation);
                    var outcome = await syncer.SyncAsync(current!, operation, stopping).ConfigureAwait(false);
                    failures = 0;
                    if (outcome.Terminal)
                    {
                        State = PodWorkerState.Terminating;
                        Wake();
                    }
                    else
                    {
                        Requeue(outcome.RequeueAfter);
                    }

                    return false;
                case PodWorkerState.Terminating:
                    if (current is not null)
                    {
                        var terminal = !isRemoved && current.Metadata?.DeletionTimestamp is null;
                        onTerminating(current);
                        await syncer.TerminateAsync(current, grace ?? killing?.GracePeriodSeconds, terminal, killing, stopping).ConfigureAwait(false);
                        onTerminated(current);
                    }

                    State = PodWorkerState.Terminated;
                    terminated.TrySetResult();
                    Wake();
                    return false;
                default:
                    if (!isRemoved && current?.Metadata?.DeletionTimestamp is null)
                    {
                        return false;
                    }

                    var problems = await syncer.CleanupAsync(Uid, logDirectory, stopping).ConfigureAwait(false);
                    foreach (var problem in problems)
                    {
                        LogCleanupProblem(logger, current?.Metadata?.Namespace, current?.Metadata?.Name, Uid, problem);
                    }

                    lock (gate)
                    {
                        if (restartAfterCleanup)
                        {
                            restartAfterCleanup = false;
                            removed = false;
                            gracePeriodOverride = null;
                            nextOperation = PodWorkOperation.Create;
                            State = PodWorkerState.Syncing;
                            Wake();
                            return false;
                        }

                        // Under the lock, so an Update either restarts this worker or sees it finished.
                        finished = true;
                        onFinished(this);
                    }

                    return true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // A failing pod must never take the worker (or other pods) down: log, back off, try again.
            var delay = StepRetry.Delay(failures++);
            LogStepFailed(logger, current?.Metadata?.Namespace, current?.Metadata?.Name, Uid, State, ex.Message, delay.TotalSeconds);
            Requeue(delay);
            return false;
        }
    }

    // The pass with this operation has begun: what follows is a plain sync unless the config changes meanwhile.
    private void SyncBegun(string operation)
    {
        lock (gate)
        {
            if (nextOperation == operation)
            {
                nextOperation = PodWorkOperation.Sync;
            }
        }
    }

    private void Requeue(TimeSpan? delay)
    {
        if (delay is not { } due)
        {
            return;
        }

        requeue?.Dispose();
        requeue = time.CreateTimer(static state => ((PodWorker)state!).Wake(), this, due, Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): {State} step failed, retrying in {DelaySeconds:0.#}s: {Error}")]
    private static partial void LogStepFailed(ILogger logger, string? @namespace, string? pod, string? podUid, PodWorkerState state, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): cleanup left something behind (housekeeping retries): {Problem}")]
    private static partial void LogCleanupProblem(ILogger logger, string? @namespace, string? pod, string? podUid, string problem);
}
