namespace Sharplet.Pods;

// The kubelet's pod config annotations (pkg/kubelet/types).
internal static class ConfigAnnotations
{
    public const string Hash = "kubernetes.io/config.hash";
    public const string Source = "kubernetes.io/config.source";
    public const string Seen = "kubernetes.io/config.seen";
    public const string Mirror = "kubernetes.io/config.mirror";
    public const string FileSource = "file";
    public const string ApiSource = "api";

    public static bool IsStatic(Api.Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(Source, out var source) == true && source != ApiSource;
}
