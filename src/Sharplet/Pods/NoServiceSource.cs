using Sharplet.Api;

namespace Sharplet.Pods;

internal sealed class NoServiceSource : IServiceSource
{
    public Task<IReadOnlyList<Service>?> ListAsync(bool waitForSync, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Service>?>(null);
}
