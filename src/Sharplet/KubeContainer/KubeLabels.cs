using System.Globalization;

namespace Sharplet.KubeContainer;

// The labels and annotations upstream's kubelet puts on sandboxes and containers. They are the only state a
// restarted kubelet has about what it started, so they must stay compatible: a node moving from the Go kubelet
// to Sharplet (or back) adopts the other's containers by them.
internal static class KubeLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";
    public const string ContainerType = "io.kubernetes.container.type";

    // Sharplet's own: which node's kubelet made the sandbox. Several kubelets may share one runtime (tests, nested
    // nodes); each collects only its own orphans (and unlabelled ones, such as an upstream kubelet's).
    public const string NodeName = "sharplet.io/node-name";

    public const string ContainerHash = "io.kubernetes.container.hash";
    public const string ContainerRestartCount = "io.kubernetes.container.restartCount";
    public const string TerminationMessagePath = "io.kubernetes.container.terminationMessagePath";
    public const string TerminationMessagePolicy = "io.kubernetes.container.terminationMessagePolicy";
    public const string PreStopHandler = "io.kubernetes.container.preStopHandler";
    public const string ContainerPorts = "io.kubernetes.container.ports";
    public const string PodDeletionGracePeriod = "io.kubernetes.pod.deletionGracePeriod";
    public const string PodTerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod";


    public static string? Get(IReadOnlyDictionary<string, string> map, string key) =>
        map.TryGetValue(key, out var value) ? value : null;

    public static int GetInt(IReadOnlyDictionary<string, string> map, string key) =>
        map.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
