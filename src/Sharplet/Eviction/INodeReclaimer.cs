namespace Sharplet.Eviction;

// Node-level reclaim before any pod is evicted (upstream's ContainerGC.DeleteAllUnusedContainers and
// ImageGC.DeleteUnusedImages).
internal interface INodeReclaimer
{
    Task DeleteAllUnusedContainersAsync(CancellationToken cancellationToken);

    Task DeleteUnusedImagesAsync(CancellationToken cancellationToken);
}
