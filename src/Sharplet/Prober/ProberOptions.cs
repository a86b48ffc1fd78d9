namespace Sharplet.Prober;

internal sealed record ProberOptions
{
    // Where the first run's jitter comes from; tests pin it.
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
