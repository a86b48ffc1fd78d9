namespace Sharplet.KubeClient;

/// <summary>
/// client-go's client-side limiter: a bucket of <c>burst</c> tokens refilled at <c>qps</c> per second. A
/// caller that finds the bucket empty reserves a future token (the count goes negative) and waits until it is
/// due, so waiters are served in arrival order without a queue. Time comes from the injected TimeProvider.
/// </summary>
internal sealed class TokenBucketRateLimiter
{
    private readonly Lock gate = new();
    private readonly double qps;
    private readonly int burst;
    private readonly TimeProvider time;
    private double tokens;
    private long lastRefill;

    /// <param name="qps">Tokens per second; zero or less disables limiting.</param>
    /// <param name="burst">Bucket size; at least 1 when limiting.</param>
    public TokenBucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (qps > 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        }

        this.qps = qps;
        this.burst = burst;
        this.time = time;
        tokens = burst;
        lastRefill = time.GetTimestamp();
    }

    public bool IsUnlimited => qps <= 0;

    /// <summary>Takes a token if one is available now.</summary>
    public bool TryAcquire()
    {
        if (IsUnlimited)
        {
            return true;
        }

        lock (gate)
        {
            Refill();
            if (tokens < 1)
            {
                return false;
            }

            tokens -= 1;
            return true;
        }
    }

    /// <summary>Waits for a token. A cancelled wait gives its reservation back.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (IsUnlimited)
        {
            return ValueTask.CompletedTask;
        }

        TimeSpan wait;
        lock (gate)
        {
            Refill();
            tokens -= 1;
            wait = tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / qps);
        }

        return wait <= TimeSpan.Zero ? ValueTask.CompletedTask : WaitForReservationAsync(wait, cancellationToken);
    }

    private async ValueTask WaitForReservationAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                tokens += 1;
            }

            throw;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(lastRefill, now);
        lastRefill = now;
        tokens = Math.Min(burst, tokens + (elapsed.TotalSeconds * qps));
    }
}
