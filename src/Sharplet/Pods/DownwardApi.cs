using System.Globalization;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Pods;

// The downward API's values, one implementation for env (fieldRef/resourceFieldRef in valueFrom) and for
// downwardAPI and projected volumes, as upstream shares fieldpath.ExtractFieldPathAsString and
// resource.ExtractContainerResourceValue between them.
internal static class DownwardApi
{
    // Null when the path is not one the downward API offers.
    public static string? FieldValue(Pod pod, NodeContext node, IReadOnlyList<string> podIps, string path)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var meta = pod.Metadata;
        switch (path)
        {
            case "metadata.name": return meta?.Name ?? string.Empty;
            case "metadata.namespace": return meta?.Namespace ?? string.Empty;
            case "metadata.uid": return meta?.Uid ?? string.Empty;
            case "metadata.labels": return FormatMap(meta?.Labels);
            case "metadata.annotations": return FormatMap(meta?.Annotations);
            case "spec.nodeName": return pod.Spec?.NodeName ?? node.NodeName;
            case "spec.serviceAccountName": return pod.Spec?.ServiceAccountName ?? string.Empty;
            case "status.hostIP": return node.HostIp;
            case "status.hostIPs": return string.Join(',', node.HostIps);
            case "status.podIP": return podIps.Count > 0 ? podIps[0] : string.Empty;
            case "status.podIPs": return string.Join(',', podIps);
            default: break;
        }

        if (TrySubscript(path, "metadata.labels", out var label))
        {
            return meta?.Labels?.GetValueOrDefault(label) ?? string.Empty;
        }

        return TrySubscript(path, "metadata.annotations", out var annotation)
            ? meta?.Annotations?.GetValueOrDefault(annotation) ?? string.Empty
            : null;
    }

    // limits.cpu etc. of the container, divided by the divisor and rounded up (upstream: CPU in millicores,
    // everything else in units); a missing limit is the node's allocatable. Null with the reason in error when
    // the selector names no container or resource the downward API knows.
    public static string? ResourceValue(Pod pod, Container? container, NodeContext node, ResourceFieldSelector selector, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(selector);
        error = null;
        var target = string.IsNullOrEmpty(selector.ContainerName)
            ? container
            : (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == selector.ContainerName);
        if (target is null)
        {
            error = $"resourceFieldRef names unknown container \"{selector.ContainerName}\"";
            return null;
        }

        var dot = selector.Resource.IndexOf('.', StringComparison.Ordinal);
        var kind = dot < 0 ? string.Empty : selector.Resource[..dot];
        var name = dot < 0 ? string.Empty : selector.Resource[(dot + 1)..];
        var map = kind switch
        {
            "limits" => target.Resources?.Limits,
            "requests" => target.Resources?.Requests,
            _ => null,
        };
        if (kind is not ("limits" or "requests"))
        {
            error = $"unsupported resource \"{selector.Resource}\"";
            return null;
        }

        Quantity value;
        if (map is not null && map.TryGetValue(name, out var set))
        {
            value = set;
        }
        else if (kind == "limits" && node.Allocatable.TryGetValue(name, out var allocatable))
        {
            value = allocatable;
        }
        else
        {
            value = Quantity.Zero;
        }

        var divisor = selector.Divisor is { IsZero: false } d ? d : Quantity.FromInt64(1);
        var result = name == ResourceName.Cpu
            ? CeilDivide(value.MilliValue(), Math.Max(1, divisor.MilliValue()))
            : CeilDivide(value.Value(), Math.Max(1, divisor.Value()));
        return result.ToString(CultureInfo.InvariantCulture);
    }

    // Upstream's fieldpath.FormatMap: key="value" lines sorted by key, values quoted as Go's %q, no final newline.
    public static string FormatMap(IReadOnlyDictionary<string, string>? map) =>
        string.Join('\n', (map ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={GoQuote.Quote(kv.Value)}"));

    private static long CeilDivide(long value, long divisor) => value <= 0 ? value / divisor : ((value - 1) / divisor) + 1;

    private static bool TrySubscript(string path, string prefix, out string key)
    {
        key = string.Empty;
        if (!path.StartsWith(prefix + "['", StringComparison.Ordinal) || !path.EndsWith("']", StringComparison.Ordinal))
        {
            return false;
        }

        key = path[(prefix.Length + 2)..^2];
        return true;
    }
}
