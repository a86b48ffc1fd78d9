using Sharplet.Api;
using Sharplet.Cm;

namespace Sharplet.Volumes;

// Where configMap, secret, downwardAPI and projected volumes put their files: the pod's volume directory
// (a tmpfs for secrets and projected volumes, as upstream wraps them in a Memory emptyDir, so secret bytes
// never reach the node's disk), written through the atomic writer, with the pod's fsGroup applied to each new
// set before it becomes visible. A container sees these volumes read-only.
internal sealed class ProjectedFiles(PodDirectories dirs, AtomicWriter writer)
{
    public MountedVolume Publish(Pod pod, string plugin, Volume volume, bool inMemory, IReadOnlyDictionary<string, FileProjection> payload)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(volume);
        foreach (var path in payload.Keys)
        {
            if (PayloadPaths.Problem(path) is { } problem)
            {
                throw new VolumeException(volume.Name, $"pod {pod.Metadata?.Namespace}/{pod.Metadata?.Name}: {problem}");
            }
        }

        var dir = dirs.VolumeDir(pod.Metadata!.Uid!, plugin, volume.Name);
        Directory.CreateDirectory(dir);
        if (inMemory && !MountInfo.IsMountPoint(dir))
        {
            LinuxMounts.MountTmpfs(dir, null);
        }

        // As the emptyDir that upstream wraps these in: the root is world-searchable, the files' modes are theirs.
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        var fsGroup = pod.Spec?.SecurityContext?.FsGroup;
        writer.Write(dir, payload, fsGroup is null ? null : tsDir => VolumeOwnership.Apply(tsDir, fsGroup, readOnly: true, VolumeOwnership.Always));
        return new MountedVolume(volume.Name, dir, ReadOnly: true);
    }

    // A file of the set the volume shows now (through ..data), or null: what a restarted agent finds.
    public string? ReadPublished(Pod pod, string plugin, Volume volume, string path)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(volume);
        if (PayloadPaths.Problem(path) is not null)
        {
            return null;
        }

        var file = Path.Combine(dirs.VolumeDir(pod.Metadata!.Uid!, plugin, volume.Name), AtomicWriter.DataDirName, PayloadPaths.Clean(path));
        try
        {
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
