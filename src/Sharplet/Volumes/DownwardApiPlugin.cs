using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Pods;

namespace Sharplet.Volumes;

// downwardAPI: pod fields and container resources as files (on disk, as upstream), rewritten when a label or
// annotation changes.
internal sealed class DownwardApiPlugin(NodeContext node, ProjectedFiles files) : IVolumePlugin
{
    public string Name => "kubernetes.io~downward-api";

    public bool RequiresRemount => true;

    public bool CanHandle(Volume volume) => volume.DownwardAPI is not null;

    public Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var source = volume.DownwardAPI!;
        var payload = DownwardApiPayload.Make(source.Items, pod, node, source.DefaultMode ?? VolumeDefaults.DefaultMode);
        return Task.FromResult(files.Publish(pod, Name, volume, inMemory: false, payload));
    }
}
