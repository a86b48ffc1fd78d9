using Sharplet.Api;

namespace Sharplet.Volumes;

// The ConfigMaps and Secrets that configMap, secret and projected volumes show. A read names the pod that
// needs the object, so the source knows what to keep fresh (upstream's RegisterPod of the watch-based
// manager); ReleasePod drops a pod's references when its volumes are torn down. Null means the object does
// not exist; any other failure throws VolumeObjectException.
internal interface IVolumeObjectSource
{
    // Null when objects can be read; otherwise why they never can be (no API server).
    string? UnavailableReason { get; }

    Task<ConfigMap?> GetConfigMapAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken);

    Task<Secret?> GetSecretAsync(string podUid, string @namespace, string name, CancellationToken cancellationToken);

    void ReleasePod(string podUid);
}
