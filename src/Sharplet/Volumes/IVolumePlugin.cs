using Sharplet.Api;

namespace Sharplet.Volumes;

internal interface IVolumePlugin
{
    // The directory name under pods/<uid>/volumes, as upstream names plugins (kubernetes.io~empty-dir).
    string Name { get; }

    bool CanHandle(Volume volume);

    Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken);
}
