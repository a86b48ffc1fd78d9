using Sharplet.Api;
using Sharplet.Api.Defaulting;

namespace Sharplet.Volumes;

// configMap: the ConfigMap's keys as files (on disk, as upstream), refreshed on every pod sync.
internal sealed class ConfigMapPlugin(ObjectPayloads objects, ProjectedFiles files) : IVolumePlugin
{
    public string Name => "kubernetes.io~configmap";

    public bool RequiresRemount => true;

    public bool CanHandle(Volume volume) => volume.ConfigMap is not null;

    public async Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var source = volume.ConfigMap!;
        var payload = await objects.ConfigMapAsync(pod, source.Name, source.Items, source.DefaultMode ?? VolumeDefaults.DefaultMode, source.Optional == true, cancellationToken)
            .ConfigureAwait(false);
        return files.Publish(pod, Name, volume, inMemory: false, payload);
    }
}
