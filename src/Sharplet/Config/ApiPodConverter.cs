using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Pods;

namespace Sharplet.Config;

// Turns a pod object from the API into the pod the kubelet runs, as upstream's apiserver source and
// podStorage do: a private copy (the informer's object is shared and must never be mutated), defaults applied
// so an API pod looks exactly like a static one to the workers, and the config annotations the kubelet keeps
// internally (source "api", first-seen time). These annotations never go back to the API: status patches carry
// only the status, and mirror pods are built from static pods.
internal static class ApiPodConverter
{
    public static bool IsMirror(Pod pod) =>
        pod.Metadata?.Annotations?.ContainsKey(ConfigAnnotations.Mirror) == true;

    public static Pod ToKubeletPod(Pod apiPod, string firstSeen)
    {
        var pod = KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(apiPod), KubeJson.Lenient)
            ?? throw new InvalidOperationException("a pod serialized to JSON null");
        PodDefaults.Apply(pod);
        var annotations = pod.Metadata!.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        annotations[ConfigAnnotations.Source] = ConfigAnnotations.ApiSource;
        annotations[ConfigAnnotations.Seen] = firstSeen;
        return pod;
    }
}
