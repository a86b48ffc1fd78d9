using Sharplet.Api;

namespace Sharplet.KubeContainer;

// Upstream's format.Pod: name_namespace(uid), the way the kubelet names a pod in its event and error messages
// (hooks, probes, backoff, runAsNonRoot), which operators grep for.
internal static class PodFormat
{
    public static string Describe(Pod pod) => Describe(pod.Metadata?.Name, pod.Metadata?.Namespace, pod.Metadata?.Uid);

    public static string Describe(string? name, string? @namespace, string? uid) => $"{name}_{@namespace}({uid})";
}
