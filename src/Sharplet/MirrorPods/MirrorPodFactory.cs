using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.MirrorPods;

// Upstream's mirror_client CreateMirrorPod and IsMirrorPodOf: a mirror pod is the static pod as the API
// should show it, marked with kubernetes.io/config.mirror = the static pod's config hash and owned by the
// Node (so it goes away with the Node, and NodeRestriction lets the node create it).
internal static class MirrorPodFactory
{
    public static string HashOf(Pod staticPod) =>
        staticPod.Metadata?.Annotations?.GetValueOrDefault(ConfigAnnotations.Hash) ?? staticPod.Metadata?.Uid ?? string.Empty;

    public static string? MirrorHashOf(Pod mirror) => mirror.Metadata?.Annotations?.GetValueOrDefault(ConfigAnnotations.Mirror);

    public static bool IsMirrorOf(Pod mirror, Pod staticPod) => MirrorHashOf(mirror) == HashOf(staticPod);

    public static Pod Build(Pod staticPod, string nodeName, string nodeUid)
    {
        var meta = staticPod.Metadata!;
        var annotations = new Dictionary<string, string>(meta.Annotations ?? [], StringComparer.Ordinal)
        {
            [ConfigAnnotations.Mirror] = HashOf(staticPod),
        };
        var spec = KubeJson.Deserialize<PodSpec>(KubeJson.SerializeToUtf8Bytes(staticPod.Spec!), KubeJson.Lenient)!;
        return new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = meta.Name,
                Namespace = meta.Namespace,
                Labels = meta.Labels is null ? null : new Dictionary<string, string>(meta.Labels, StringComparer.Ordinal),
                Annotations = annotations,
                OwnerReferences =
                [
                    new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid, Controller = true },
                ],
            },
            Spec = spec,
        };
    }
}
