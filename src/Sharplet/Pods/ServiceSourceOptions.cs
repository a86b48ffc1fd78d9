namespace Sharplet.Pods;

internal sealed record ServiceSourceOptions
{
    // How long a container start of an API pod waits for the first list of Services before it fails with
    // CreateContainerConfigError (and is retried on the next sync).
    public TimeSpan SyncWait { get; init; } = TimeSpan.FromSeconds(10);
}
