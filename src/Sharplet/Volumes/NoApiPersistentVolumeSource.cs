using Sharplet.Api;

namespace Sharplet.Volumes;

// Standalone mode: claims cannot be resolved without an API server.
internal sealed class NoApiPersistentVolumeSource : IPersistentVolumeSource
{
    public Task<PersistentVolumeClaim?> GetClaimAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        throw new VolumeObjectException($"persistentvolumeclaim {@namespace}/{name}: Sharplet runs without an API server (no --kubeconfig), so claims cannot be resolved");

    public Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken) =>
        throw new VolumeObjectException($"persistentvolume {name}: Sharplet runs without an API server (no --kubeconfig)");
}
