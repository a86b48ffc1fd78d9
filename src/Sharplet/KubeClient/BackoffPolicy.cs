namespace Sharplet.KubeClient;

/// <summary>
/// Capped exponential backoff with jitter. Upstream's reflector waits 800 ms doubling to 30 s; the jitter
/// (a random cut of up to <see cref="Jitter"/> of each delay) keeps a fleet of kubelets from reconnecting in
/// lockstep after an API server restart.
/// </summary>
internal sealed record BackoffPolicy(TimeSpan Initial, TimeSpan Max, double Factor = 2.0, double Jitter = 0.5)
{
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30));
}
