using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Util;

namespace Sharplet.Volumes;

// Sets up a pod's volumes before its containers start, keeps the remountable ones (configMap, secret,
// downwardAPI, projected) following their sources while the pod runs, and tears everything down with the pod.
// Setup is idempotent (every sync calls it); each volume is set up on its own, so one that fails names itself
// and leaves the others in place, as upstream's FailedMount does.
internal sealed class VolumeManager(
    PodDirectories dirs,
    IEnumerable<IVolumePlugin> plugins,
    ObjectPayloads objects,
    IServiceAccountTokenSource tokens,
    IMountTable mounts)
{
    private readonly IReadOnlyList<IVolumePlugin> plugins = plugins.ToList();

    // remountOnly: a running pod's refresh, which touches only the volumes whose content follows a source.
    public async Task<IReadOnlyDictionary<string, MountedVolume>> SetUpPodVolumesAsync(Pod pod, CancellationToken cancellationToken, bool remountOnly = false)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var result = new Dictionary<string, MountedVolume>(StringComparer.Ordinal);
        var failures = new List<VolumeException>();
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var plugin = plugins.FirstOrDefault(p => p.CanHandle(volume));
            if (plugin is null)
            {
                failures.Add(new VolumeException(volume.Name, $"volume type {DescribeSource(volume)} is not supported by Sharplet"));
                continue;
            }

            if (remountOnly && !plugin.RequiresRemount)
            {
                continue;
            }

            try
            {
                result[volume.Name] = await plugin.SetUpAsync(pod, volume, cancellationToken).ConfigureAwait(false);
            }
            catch (VolumeException ex)
            {
                failures.Add(ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or VolumeObjectException or ArgumentException)
            {
                failures.Add(new VolumeException(volume.Name, ex.Message));
            }
        }

        return failures.Count > 0 ? throw new PodVolumesException(failures) : result;
    }

    // Unmounts whatever is mounted under the pod's directory (deepest first, lazily) and removes the directory.
    // Returns what could not be cleaned, so housekeeping can retry it.
    public IReadOnlyList<string> TearDownPod(string uid)
    {
        objects.ReleasePod(uid);
        tokens.ForgetPod(uid);
        foreach (var plugin in plugins)
        {
            plugin.ForgetPod(uid);
        }

        var podDir = dirs.PodDir(uid);
        if (!Directory.Exists(podDir))
        {
            return [];
        }

        var problems = new List<string>();
        var prefix = podDir + "/";
        foreach (var mount in MountsUnder(prefix).OrderByDescending(m => m.MountPoint.Length))
        {
            try
            {
                mounts.Unmount(mount.MountPoint);
            }
            catch (IOException ex)
            {
                problems.Add(ex.Message);
            }
        }

        // Never delete through a mount that is still there: it could be a host directory (a local PV, a
        // hostPath bind) and a recursive delete would empty it. Read the table again rather than trusting
        // the unmount calls.
        problems.AddRange(MountsUnder(prefix).Select(m => $"{m.MountPoint} is still mounted; {podDir} is kept"));
        if (problems.Count > 0)
        {
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
        ArgumentNullException.ThrowIfNull(volume);
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

    private List<MountInfo> MountsUnder(string prefix) =>
        mounts.Read().Where(m => m.MountPoint.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static string DescribeSource(Volume volume)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(KubeJson.Serialize(volume))?.AsObject();
        var source = json?.Select(p => p.Key).FirstOrDefault(k => k != "name");
        return source is null ? "(none)" : $"\"{source}\"";
    }
}
