namespace Sharplet.Pleg;

internal sealed record PlegOptions
{
    public TimeSpan RelistPeriod { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RelistThreshold { get; init; } = TimeSpan.FromMinutes(3);

    // Whether to also follow the runtime's container event stream (upstream's EventedPLEG).
    public bool UseRuntimeEvents { get; init; } = true;
}
