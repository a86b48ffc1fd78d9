using System.Text;
using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.Volumes;

// Upstream's downwardapi.CollectData: one file per item, holding a pod field or a container resource value.
internal static class DownwardApiPayload
{
    public static Dictionary<string, FileProjection> Make(IReadOnlyList<DownwardAPIVolumeFile>? items, Pod pod, NodeContext node, int defaultMode)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var podIps = (pod.Status?.PodIPs ?? []).Select(ip => ip.IP).Where(ip => ip.Length > 0).ToList();
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            string value;
            if (item.FieldRef is { } field)
            {
                value = DownwardApi.FieldValue(pod, node, podIps, field.FieldPath)
                    ?? throw new VolumeObjectException($"downwardAPI item \"{item.Path}\": unsupported fieldRef fieldPath \"{field.FieldPath}\"");
            }
            else if (item.ResourceFieldRef is { } resource)
            {
                value = DownwardApi.ResourceValue(pod, null, node, resource, out var error)
                    ?? throw new VolumeObjectException($"downwardAPI item \"{item.Path}\": {error}");
            }
            else
            {
                throw new VolumeObjectException($"downwardAPI item \"{item.Path}\" has neither fieldRef nor resourceFieldRef");
            }

            payload[item.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), item.Mode ?? defaultMode);
        }

        return payload;
    }
}
