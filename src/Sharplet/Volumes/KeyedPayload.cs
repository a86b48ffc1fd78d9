using Sharplet.Api;

namespace Sharplet.Volumes;

// Upstream's MakePayload of configMap and secret volumes: without items every key becomes a file of its name
// with the default mode; with items only the listed keys, at their paths, with their own mode when given. A
// listed key the object lacks fails the volume, naming object and key, unless the source is optional.
internal static class KeyedPayload
{
    public static Dictionary<string, FileProjection> Make(
        IReadOnlyDictionary<string, byte[]> data, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional, string kind, string objectName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        if (items is not { Count: > 0 })
        {
            foreach (var (key, value) in data)
            {
                payload[key] = new FileProjection(value, defaultMode);
            }

            return payload;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!data.TryGetValue(item.Key, out var value))
            {
                if (optional)
                {
                    continue;
                }

                throw new VolumeObjectException($"{kind} {objectName} has no key \"{item.Key}\" (items[{i}].key), and the source is not optional");
            }

            payload[item.Path] = new FileProjection(value, item.Mode ?? defaultMode);
        }

        return payload;
    }

    // data and binaryData together: upstream refuses a key present in both, as the API server does.
    public static IReadOnlyDictionary<string, byte[]> Of(ConfigMap configMap)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        var all = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? [])
        {
            all[key] = System.Text.Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap.BinaryData ?? [])
        {
            if (!all.TryAdd(key, value))
            {
                throw new VolumeObjectException($"configmap {configMap.Metadata?.Namespace}/{configMap.Metadata?.Name}: key \"{key}\" is in both data and binaryData");
            }
        }

        return all;
    }
}
