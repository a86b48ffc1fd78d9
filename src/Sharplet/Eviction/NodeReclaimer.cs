using Sharplet.Images;
using Sharplet.PodWorkers;

namespace Sharplet.Eviction;

// Eviction's node-level reclaim through the container and image garbage collectors.
internal sealed class NodeReclaimer(ContainerGcLoop containers, ImageGcManager images) : INodeReclaimer
{
    public Task DeleteAllUnusedContainersAsync(CancellationToken cancellationToken) => containers.CollectAsync(evictNonDeletedPods: true, cancellationToken);

    public Task DeleteUnusedImagesAsync(CancellationToken cancellationToken) => images.DeleteUnusedImagesAsync(cancellationToken);
}
