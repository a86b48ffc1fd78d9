using Sharplet.Api;

namespace Sharplet.Volumes;

internal interface IVolumePlugin
{
    // The directory name under pods/<uid>/volumes, as upstream names plugins (kubernetes.io~empty-dir).
    string Name { get; }

    bool CanHandle(Volume volume);

    // Set up again on every sync of a running pod because its content follows API objects or pod fields
    // (upstream's RequiresRemount: configMap, secret, downwardAPI, projected).
    bool RequiresRemount => false;

    // Idempotent: called on every sync of a pod that runs, so configMap, secret, downwardAPI and projected
    // volumes follow their sources (upstream's remount of those plugins); unchanged content is not rewritten.
    Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken);

    // The pod's volumes were torn down: drop what the plugin remembers about it.
    void ForgetPod(string podUid)
    {
    }
}
