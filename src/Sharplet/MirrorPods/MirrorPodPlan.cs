using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.MirrorPods;

// The pure decision of upstream's syncPod mirror handling and HandlePodCleanups' orphaned mirror pods:
// - a static pod without a mirror gets one;
// - a mirror made from another version of the static pod (its config hash differs), or one being deleted
//   by someone, is deleted and made anew;
// - a mirror whose static pod is gone is deleted, but only once every pod source has reported, so a
//   restarting kubelet does not delete mirrors of static pods it has not read yet.
internal static class MirrorPodPlan
{
    public static IReadOnlyList<MirrorPodAction> Compute(IEnumerable<Pod> staticPods, IEnumerable<Pod> mirrors, bool allSourcesReady)
    {
        var byName = mirrors.Where(m => m.Metadata?.Name is not null)
            .ToDictionary(m => FullName(m), StringComparer.Ordinal);
        var actions = new List<MirrorPodAction>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in staticPods)
        {
            var name = FullName(pod);
            wanted.Add(name);
            if (!byName.TryGetValue(name, out var mirror))
            {
                actions.Add(new MirrorPodAction(null, pod, "no mirror pod"));
            }
            else if (mirror.Metadata!.DeletionTimestamp is not null)
            {
                actions.Add(new MirrorPodAction(mirror, pod, "mirror pod is being deleted"));
            }
            else if (!MirrorPodFactory.IsMirrorOf(mirror, pod))
            {
                actions.Add(new MirrorPodAction(mirror, pod, "mirror pod was made from another version of the static pod"));
            }
        }

        if (allSourcesReady)
        {
            foreach (var (name, mirror) in byName)
            {
                if (!wanted.Contains(name))
                {
                    actions.Add(new MirrorPodAction(mirror, null, "static pod is gone"));
                }
            }
        }

        return actions;
    }

    public static bool IsMirror(Pod pod) => pod.Metadata?.Annotations?.ContainsKey(ConfigAnnotations.Mirror) == true;

    private static string FullName(Pod pod) => $"{pod.Metadata!.Namespace}/{pod.Metadata.Name}";
}
