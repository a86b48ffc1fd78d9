namespace Sharplet.PodWorkers;

internal sealed record PodSyncOptions
{
    // Upstream syncFrequency: every pod is looked at again at least this often.
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(1);

    // How soon a step that failed (a mount, a sandbox, a config error) is tried again.
    public TimeSpan ErrorRequeue { get; init; } = TimeSpan.FromSeconds(2);
}
