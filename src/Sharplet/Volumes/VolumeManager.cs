using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Util;

namespace Sharplet.Volumes;

// Sets up a pod's volumes before its containers start and tears them down with the pod. Setup is idempotent
// (every sync calls it); a failure names the volume and leaves the pod waiting, as upstream's FailedMount does.
internal sealed class VolumeManager(PodDirectories dirs, IEnumerable<IVolumePlugin> plugins)
{
    private readonly IReadOnlyList<IVolumePlugin> plugins = plugins.ToList();

    public async Task<IReadOnlyDictionary<string, MountedVolume>> SetUpPodVolumesAsync(Pod pod, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, MountedVolume>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var plugin = plugins.FirstOrDefault(p => p.CanHandle(volume))
                ?? throw new VolumeException(volume.Name, $"volume type {DescribeSource(volume)} is not supported by Sharplet");
            try
            {
                result[volume.Name] = await plugin.SetUpAsync(pod, volume, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new VolumeException(volume.Name, ex.Message);
            }
        }

        return result;
    }

    // Unmounts whatever is mounted under the pod's directory (deepest first, lazily) and removes the directory.
    // Returns what could not be cleaned, so housekeeping can retry it.
    public IReadOnlyList<string> TearDownPod(string uid)
    {
        var podDir = dirs.PodDir(uid);
        if (!Directory.Exists(podDir))
        {
            return [];
        }

        var problems = new List<string>();
        var prefix = podDir + "/";
        foreach (var mount in MountInfo.ReadAll().Where(m => m.MountPoint.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(m => m.MountPoint.Length))
        {
            try
            {
                LinuxMounts.Unmount(mount.MountPoint);
            }
            catch (IOException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (problems.Count > 0)
        {
            // Never delete through a mount that is still there: it could be a host directory.
            return problems;
        }

        try
        {
            Directory.Delete(podDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"remove {podDir}: {ex.Message}");
        }

        return problems;
    }

    // The host path a container mount binds: the volume's path, or a sub-path of it that is created on demand
    // and may not climb out of the volume through "..".
    public static string ResolveMountSource(MountedVolume volume, string? subPath)
    {
        if (string.IsNullOrEmpty(subPath))
        {
            return volume.HostPath;
        }

        var root = Path.GetFullPath(volume.HostPath);
        var full = Path.GetFullPath(Path.Combine(root, subPath));
        if (!full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new VolumeException(volume.Name, $"subPath \"{subPath}\" leaves the volume");
        }

        // A symlink inside the volume could point anywhere on the host: refuse to follow one.
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split('/'))
        {
            current = Path.Combine(current, part);
            if (FileKind.Of(current) == FileKind.Kind.Symlink)
            {
                throw new VolumeException(volume.Name, $"subPath \"{subPath}\" goes through the symbolic link {current}");
            }
        }

        if (!Path.Exists(full))
        {
            Directory.CreateDirectory(full);
        }

        return full;
    }

    private static string DescribeSource(Volume volume)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(KubeJson.Serialize(volume))?.AsObject();
        var source = json?.Select(p => p.Key).FirstOrDefault(k => k != "name");
        return source is null ? "(none)" : $"\"{source}\"";
    }
}
