namespace Sharplet.Eviction;

// Where the eviction manager's figures come from: null when they could not be read this time (no action then).
internal interface IEvictionStats
{
    Task<EvictionStats?> ReadAsync(CancellationToken cancellationToken);
}
