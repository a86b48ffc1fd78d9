using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Volumes;

// Direct reads: a claim is resolved once per pod volume (a mounted volume is not resolved again), so there is
// nothing to watch.
internal sealed class KubePersistentVolumeSource(KubeApiClient client) : IPersistentVolumeSource
{
    public Task<PersistentVolumeClaim?> GetClaimAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(KubeResources.PersistentVolumeClaims, @namespace, name, $"persistentvolumeclaim {@namespace}/{name}", cancellationToken);

    public Task<PersistentVolume?> GetVolumeAsync(string name, CancellationToken cancellationToken) =>
        GetAsync(KubeResources.PersistentVolumes, null, name, $"persistentvolume {name}", cancellationToken);

    private async Task<T?> GetAsync<T>(KubeResource<T> resource, string? ns, string name, string what, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await client.GetAsync(resource, ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
        catch (Exception ex) when (ex is KubeApiException or KubeConnectionException or TimeoutException)
        {
            throw new VolumeObjectException($"failed to get {what}: {ex.Message}", ex);
        }
    }
}
