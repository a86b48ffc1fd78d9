namespace Sharplet.Util;

/// <summary>
/// The delay sequence of a <see cref="BackoffPolicy"/> for one loop. Delays are durations; the caller waits
/// them on its TimeProvider. Every delay lies in (d·(1−Jitter), d] where d = min(Max, Initial·Factor^n),
/// so the cap is never exceeded.
/// </summary>
internal sealed class JitteredBackoff(BackoffPolicy policy, Random random)
{
    private int failures;

    public int Failures => failures;

    public TimeSpan Next()
    {
        var nominal = Nominal(failures);
        failures = Math.Min(failures + 1, 64);
        return Jittered(nominal);
    }

    /// <summary>Straight to the cap: for failures that retrying soon cannot fix (401/403).</summary>
    public TimeSpan AtCap()
    {
        failures = 64;
        return Jittered(policy.Max);
    }

    public void Reset() => failures = 0;

    private TimeSpan Nominal(int n) => policy.Delay(n);

    private TimeSpan Jittered(TimeSpan nominal) => policy.Jittered(nominal, random);
}
