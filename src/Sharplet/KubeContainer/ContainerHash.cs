using System.Globalization;
using Sharplet.Api;

namespace Sharplet.KubeContainer;

// A hash of a container's spec, kept in the container's annotations: when the desired spec hashes differently
// from the running container's annotation, the container is restarted. FNV-1a over the container's canonical
// JSON (source-generated, fixed property order, nulls omitted), so the hash is stable across Sharplet restarts
// and versions as long as the fields a manifest sets keep their meaning.
internal static class ContainerHash
{
    public static string Compute(Container container)
    {
        var bytes = KubeJson.SerializeToUtf8Bytes(container);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash.ToString("x", CultureInfo.InvariantCulture);
    }
}
