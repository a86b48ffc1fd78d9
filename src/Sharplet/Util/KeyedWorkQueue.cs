namespace Sharplet.Util;

// Upstream's rate-limited work queue (client-go util/workqueue) on a TimeProvider, for loops that work per key
// (a pod UID, a namespace/name):
// - a key is queued at most once: adding a queued key again is a no-op, so a burst of changes costs one pass;
// - a key being processed (taken, not yet Done) is never handed out twice; adding it meanwhile queues it again
//   when Done is called, so the change that arrived during the pass is not lost;
// - AddAfter queues a key once a delay has passed (the earliest pending delay wins); AddRateLimited does it with
//   the key's next backoff delay (BackoffPolicy: the n-th consecutive failure waits Initial·Factor^n, capped),
//   and Forget resets that count after a success.
// Thread-safe: producers add from anywhere; usually one consumer takes. Dispose is upstream's ShutDown: adds are
// dropped from then on, and a TakeAsync waiting then (or called later) ends with ObjectDisposedException instead
// of waiting forever.
internal sealed class KeyedWorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Queue<TKey> ready = new();
    private readonly HashSet<TKey> dirty;
    private readonly HashSet<TKey> processing;
    private readonly Dictionary<TKey, Delayed> delayed;
    private readonly Dictionary<TKey, int> failures;
    private readonly SemaphoreSlim available = new(0);
    private readonly CancellationTokenSource shutDown = new();
    private readonly BackoffPolicy retry;
    private readonly TimeProvider time;
    private bool disposed;

    public KeyedWorkQueue(BackoffPolicy retry, TimeProvider time, IEqualityComparer<TKey>? comparer = null)
    {
        this.retry = retry;
        this.time = time;
        dirty = new HashSet<TKey>(comparer);
        processing = new HashSet<TKey>(comparer);
        delayed = new Dictionary<TKey, Delayed>(comparer);
        failures = new Dictionary<TKey, int>(comparer);
    }

    // Keys ready to be taken.
    public int Count
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (gate)
        {
            AddLocked(key);
        }
    }

    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var due = time.GetUtcNow() + delay;
            if (delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var entry = new Delayed(key, due, this);
            entry.Timer = time.CreateTimer(static s => ((Delayed)s!).Fire(), entry, delay, Timeout.InfiniteTimeSpan);
            delayed[key] = entry;
        }
    }

    // Queues the key after its next backoff delay and returns that delay.
    public TimeSpan AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (gate)
        {
            var n = failures.GetValueOrDefault(key);
            failures[key] = n + 1;
            delay = retry.Delay(n);
        }

        AddAfter(key, delay);
        return delay;
    }

    // Consecutive failures counted for the key since the last Forget.
    public int Failures(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    // The key succeeded: its next failure starts the backoff over.
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    // The key is gone for good: forget its failures and drop a pending delayed add (a queued entry still comes
    // out once; the consumer finds nothing to do for it).
    public void Remove(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
            if (delayed.Remove(key, out var pending))
            {
                pending.Timer.Dispose();
            }
        }
    }

    // Waits for a ready key and marks it as being processed; the caller must call Done with it.
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutDown.Token);
        try
        {
            await available.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutDown.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(KeyedWorkQueue<TKey>), "the work queue was shut down");
        }

        return TakeLocked();
    }

    public bool TryTake(out TKey key)
    {
        if (!available.Wait(0))
        {
            key = default!;
            return false;
        }

        key = TakeLocked();
        return true;
    }

    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (dirty.Contains(key) && !disposed)
            {
                ready.Enqueue(key);
                available.Release();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var pending in delayed.Values)
            {
                pending.Timer.Dispose();
            }

            delayed.Clear();
        }

        shutDown.Cancel();
    }

    private TKey TakeLocked()
    {
        lock (gate)
        {
            var key = ready.Dequeue();
            dirty.Remove(key);
            processing.Add(key);
            return key;
        }
    }

    // Called with the gate held. The semaphore's count equals the ready queue's length.
    private void AddLocked(TKey key)
    {
        if (disposed || !dirty.Add(key) || processing.Contains(key))
        {
            return;
        }

        ready.Enqueue(key);
        available.Release();
    }

    private void Fire(Delayed entry)
    {
        lock (gate)
        {
            // A later, earlier-due AddAfter or a Remove replaced this entry: its timer is not the one that counts.
            if (!delayed.TryGetValue(entry.Key, out var current) || current != entry)
            {
                return;
            }

            delayed.Remove(entry.Key);
            AddLocked(entry.Key);
        }
    }

    private sealed class Delayed(TKey key, DateTimeOffset due, KeyedWorkQueue<TKey> queue)
    {
        public TKey Key { get; } = key;

        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;

        public void Fire() => queue.Fire(this);
    }
}
