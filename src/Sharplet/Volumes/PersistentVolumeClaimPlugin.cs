using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Pods;

namespace Sharplet.Volumes;

// persistentVolumeClaim: the claim is resolved to its PV; a local PV's directory is bind-mounted into
// pods/<uid>/volumes/kubernetes.io~local-volume/<pv> (upstream's local plugin), a hostPath PV is used in
// place after the same type checks as an inline hostPath. A mounted volume is not resolved again, so a
// running pod costs the API nothing per sync.
internal sealed class PersistentVolumeClaimPlugin(IPersistentVolumeSource api, HostPathPlugin hostPaths, PodDirectories dirs, NodeContext node) : IVolumePlugin
{
    public const string LocalPluginName = "kubernetes.io~local-volume";

    // pod uid + volume name -> what was mounted; only the pod's own worker adds to it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MountedVolume> mounted = new(StringComparer.Ordinal);

    public string Name => "kubernetes.io~persistent-volume-claim";

    public bool CanHandle(Volume volume) => volume.PersistentVolumeClaim is not null;

    public async Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var key = $"{pod.Metadata!.Uid}/{volume.Name}";
        if (mounted.TryGetValue(key, out var known) && (!known.HostPath.StartsWith(dirs.PodDir(pod.Metadata.Uid!), StringComparison.Ordinal) || MountInfo.IsMountPoint(known.HostPath)))
        {
            return known;
        }

        var result = await ResolveAndMountAsync(pod, volume, cancellationToken).ConfigureAwait(false);
        mounted[key] = result;
        return result;
    }

    public void ForgetPod(string podUid)
    {
        foreach (var key in mounted.Keys.Where(k => k.StartsWith(podUid + "/", StringComparison.Ordinal)))
        {
            mounted.TryRemove(key, out _);
        }
    }

    private async Task<MountedVolume> ResolveAndMountAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var source = volume.PersistentVolumeClaim!;
        var ns = pod.Metadata?.Namespace ?? "default";
        var readOnly = source.ReadOnly == true;
        var describe = $"{ns}/{source.ClaimName}";
        var claim = await api.GetClaimAsync(ns, source.ClaimName, cancellationToken).ConfigureAwait(false)
            ?? throw new VolumeException(volume.Name, $"persistentvolumeclaim \"{source.ClaimName}\" not found in namespace \"{ns}\"");
        Fail(volume, ClaimBinding.ClaimProblem(claim, describe));
        var pvName = claim.Spec!.VolumeName!;
        var pv = await api.GetVolumeAsync(pvName, cancellationToken).ConfigureAwait(false)
            ?? throw new VolumeException(volume.Name, $"PVC {describe} is bound to persistentvolume \"{pvName}\", which does not exist");
        Fail(volume, ClaimBinding.VolumeProblem(claim, pv, node, describe));
        var spec = pv.Spec!;
        if (spec.HostPath is { } hostPath)
        {
            var inner = await hostPaths.SetUpAsync(pod, new Volume { Name = volume.Name, HostPath = hostPath }, cancellationToken).ConfigureAwait(false);
            return inner with { ReadOnly = readOnly };
        }

        var local = spec.Local!;
        if (!Directory.Exists(local.Path))
        {
            throw new VolumeException(volume.Name, $"local PV \"{pvName}\": path \"{local.Path}\" does not exist on node \"{node.NodeName}\" or is not a directory");
        }

        var target = dirs.VolumeDir(pod.Metadata!.Uid!, LocalPluginName, pvName);
        if (!MountInfo.IsMountPoint(target))
        {
            Directory.CreateDirectory(target);
            LinuxMounts.BindMount(local.Path, target, readOnly);
        }

        return new MountedVolume(volume.Name, target, readOnly);
    }

    private static void Fail(Volume volume, string? problem)
    {
        if (problem is not null)
        {
            throw new VolumeException(volume.Name, problem);
        }
    }
}
