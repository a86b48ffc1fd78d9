using Sharplet.Api.Validation;
using Sharplet.Nodes;
using Sharplet.Util;

namespace Sharplet.Hosting;

// Upstream's check of --node-labels at start (ValidateKubeletFlags): every key and value well formed, and no label
// in the kubernetes.io / k8s.io namespaces beyond those a kubelet may set on its own Node (the NodeRestriction
// admission plugin's set: the well-known labels, and the kubelet.kubernetes.io and node.kubernetes.io prefixes).
// node-role.kubernetes.io/worker is the label operators try first; upstream refuses it too.
internal static class NodeLabelFlag
{
    private static readonly string[] AllowedNamespaces = ["kubelet.kubernetes.io", "node.kubernetes.io"];

    public static Dictionary<string, string> Validate(Dictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in labels)
        {
            if (NameValidation.IsQualifiedName(key) is [var keyError, ..])
            {
                throw new ConfigException($"--node-labels: invalid label key \"{key}\": {keyError}");
            }

            if (NameValidation.IsValidLabelValue(value) is [var valueError, ..])
            {
                throw new ConfigException($"--node-labels: invalid value \"{value}\" of label {key}: {valueError}");
            }
        }

        var unknown = labels.Keys.Where(k => IsKubernetesLabel(k) && !IsKubeletLabel(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigException(
                $"--node-labels: unknown 'kubernetes.io' or 'k8s.io' labels: {string.Join(", ", unknown)}; labels in the 'kubernetes.io' namespace must begin with an allowed prefix " +
                $"({string.Join(", ", AllowedNamespaces)}) or be in the specifically allowed set ({string.Join(", ", NodeObjects.DefaultLabels.Order(StringComparer.Ordinal))})");
        }

        return labels;
    }

    private static string Namespace(string key) => key.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? key[..slash] : string.Empty;

    private static bool InNamespace(string ns, string parent) => ns == parent || ns.EndsWith("." + parent, StringComparison.Ordinal);

    private static bool IsKubernetesLabel(string key) => InNamespace(Namespace(key), "kubernetes.io") || InNamespace(Namespace(key), "k8s.io");

    private static bool IsKubeletLabel(string key) =>
        NodeObjects.DefaultLabels.Contains(key, StringComparer.Ordinal) || AllowedNamespaces.Any(allowed => InNamespace(Namespace(key), allowed));
}
