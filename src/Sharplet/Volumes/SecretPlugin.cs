using Sharplet.Api;
using Sharplet.Api.Defaulting;

namespace Sharplet.Volumes;

// secret: the Secret's keys as files on a tmpfs, refreshed on every pod sync.
internal sealed class SecretPlugin(ObjectPayloads objects, ProjectedFiles files) : IVolumePlugin
{
    public string Name => "kubernetes.io~secret";

    public bool RequiresRemount => true;

    public bool CanHandle(Volume volume) => volume.Secret is not null;

    public async Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var source = volume.Secret!;
        var payload = await objects.SecretAsync(pod, source.SecretName, source.Items, source.DefaultMode ?? VolumeDefaults.DefaultMode, source.Optional == true, cancellationToken)
            .ConfigureAwait(false);
        return files.Publish(pod, Name, volume, inMemory: true, payload);
    }
}
