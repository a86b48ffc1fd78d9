namespace Sharplet.Util;

internal sealed record BackoffSettings(TimeSpan Initial, TimeSpan Max, TimeSpan? ResetAfter = null)
{
    // Upstream kubelet: CrashLoopBackOff starts at 10 s, doubles to 300 s; image pulls the same.
    public static BackoffSettings CrashLoopDefault { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));

    public TimeSpan EffectiveResetAfter => ResetAfter ?? Max * 2;
}
