namespace Sharplet.Pods;

internal sealed record PodApiOptions
{
    // One write must not hold the others for the client's minute-long timeout when the server hangs.
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
