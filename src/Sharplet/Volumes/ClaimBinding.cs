using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.Volumes;

// The checks between a pod's claim and the volume it may mount, as upstream's desired-state populator and
// the local plugin make them: the claim is Bound to a PV whose claimRef points back at it, the PV's source
// is one Sharplet mounts (local or hostPath; CSI is refused by name), and a local PV's node affinity
// admits this node. Null when the volume may be mounted; otherwise the reason, naming claim and PV.
internal static class ClaimBinding
{
    public static string? ClaimProblem(PersistentVolumeClaim claim, string describe)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var phase = claim.Status?.Phase;
        return phase != "Bound" || string.IsNullOrEmpty(claim.Spec?.VolumeName)
            ? $"PVC {describe} has non-bound phase (\"{phase ?? string.Empty}\") or empty pvc.Spec.VolumeName (\"{claim.Spec?.VolumeName ?? string.Empty}\")"
            : null;
    }

    public static string? VolumeProblem(PersistentVolumeClaim claim, PersistentVolume volume, NodeContext node, string describe)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(node);
        var pvName = volume.Metadata?.Name;
        var claimRef = volume.Spec?.ClaimRef;
        if (claimRef is null || claimRef.Name != claim.Metadata?.Name || claimRef.Namespace != claim.Metadata?.Namespace
            || (!string.IsNullOrEmpty(claimRef.Uid) && claimRef.Uid != claim.Metadata?.Uid))
        {
            return $"found PV object \"{pvName}\" but it has a ClaimRef that is not bound to the PVC {describe}";
        }

        var spec = volume.Spec!;
        if (spec.Csi is { } csi)
        {
            return $"PVC {describe} is bound to PV \"{pvName}\" of CSI driver \"{csi.Driver}\": CSI volumes are not supported by Sharplet yet";
        }

        if (spec.VolumeMode == "Block")
        {
            return $"PV \"{pvName}\" has volumeMode Block: raw block volumes are not supported by Sharplet";
        }

        if (spec.Local is not null)
        {
            return spec.NodeAffinity?.Required is { } required && !Api.NodeSelectorMatcher.Matches(required, node.Labels, node.NodeName)
                ? $"volume node affinity conflict: PV \"{pvName}\" (local {spec.Local.Path}) cannot be used on node \"{node.NodeName}\": its nodeAffinity does not match the node's labels"
                : null;
        }

        if (spec.HostPath is not null)
        {
            return null;
        }

        var other = spec.OtherFields?.Keys.FirstOrDefault(k => k is not ("claimRef" or "nodeAffinity")) ?? "(none)";
        return $"PV \"{pvName}\" has volume source \"{other}\", which Sharplet does not support (local and hostPath PVs are)";
    }
}
