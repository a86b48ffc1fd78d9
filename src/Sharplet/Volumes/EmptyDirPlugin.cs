using Sharplet.Api;
using Sharplet.Cm;

namespace Sharplet.Volumes;

// emptyDir: a directory under the pod's volumes that lives and dies with the pod; medium Memory makes it a
// tmpfs, bounded by sizeLimit when one is given.
internal sealed class EmptyDirPlugin(PodDirectories dirs) : IVolumePlugin
{
    public string Name => "kubernetes.io~empty-dir";

    public bool CanHandle(Volume volume) => volume.EmptyDir is not null;

    public Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata!.Uid!;
        var path = dirs.VolumeDir(uid, Name, volume.Name);
        var fresh = !Directory.Exists(path);
        Directory.CreateDirectory(path);
        var medium = volume.EmptyDir!.Medium ?? StorageMedium.Default;
        if (medium == StorageMedium.Memory)
        {
            if (!MountInfo.IsMountPoint(path))
            {
                var size = volume.EmptyDir.SizeLimit is { IsZero: false } limit ? limit.Value() : (long?)null;
                LinuxMounts.MountTmpfs(path, size);
                fresh = true;
            }
        }
        else if (medium != StorageMedium.Default)
        {
            throw new VolumeException(volume.Name, $"emptyDir medium \"{medium}\" is not supported by Sharplet");
        }

        // World-writable like upstream's emptyDir (0777), so containers running as any user can use it. Only
        // when made: every setup of a running pod comes here, and the setgid bit fsGroup adds must stay.
        if (fresh)
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        }

        // fsGroup as upstream's emptyDir: group, setgid and g+rw through the tree. The root check makes later
        // setups (each container start) cheap, and repairs a volume whose first setup was cut short.
        var security = pod.Spec?.SecurityContext;
        VolumeOwnership.Apply(path, security?.FsGroup, readOnly: false, VolumeOwnership.OnRootMismatch);
        return Task.FromResult(new MountedVolume(volume.Name, path));
    }
}
