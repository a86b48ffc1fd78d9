namespace Sharplet.Util;

// The one capped exponential backoff of the code base: the n-th consecutive failure (from 0) waits
// min(Max, Initial * Factor^n), optionally cut by a random part of up to Jitter of it, so a fleet of kubelets
// does not retry in lockstep after an API server restart. Per-key trackers (Backoff, upstream flowcontrol),
// loops (JitteredBackoff, upstream wait.Backoff) and the work queue's retries (KeyedWorkQueue, upstream's
// rate-limited queue) all take their delays from here. ResetAfter is for trackers: a key without a failure
// for that long starts over (upstream: twice Max).
internal sealed record BackoffPolicy(TimeSpan Initial, TimeSpan Max, double Factor = 2.0, double Jitter = 0, TimeSpan? ResetAfter = null)
{
    // Upstream's reflector: 800 ms doubling to 30 s, jittered.
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), Jitter: 0.5);

    // Upstream kubelet: CrashLoopBackOff starts at 10 s, doubles to 300 s; image pulls the same.
    public static BackoffPolicy CrashLoopDefault { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));

    public TimeSpan EffectiveResetAfter => ResetAfter ?? Max * 2;

    // The nominal delay after the given number of earlier consecutive failures (0: the first failure).
    public TimeSpan Delay(int failures)
    {
        var ticks = Initial.Ticks * Math.Pow(Factor, Math.Clamp(failures, 0, 64));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    // A delay cut by up to Jitter of itself: in (d·(1−Jitter), d], so the cap is never exceeded.
    public TimeSpan Jittered(TimeSpan nominal, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Jitter <= 0 ? nominal : TimeSpan.FromTicks((long)(nominal.Ticks * (1 - (Jitter * random.NextDouble()))));
    }
}
