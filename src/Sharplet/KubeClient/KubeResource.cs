using System.Text.Json.Serialization.Metadata;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>
/// Where a kind lives in the API and how to (de)serialize it. The API types share no interface, so the
/// metadata accessor is passed in rather than constrained.
/// </summary>
/// <param name="GroupVersionPath">"/api/v1" for the core group, "/apis/coordination.k8s.io/v1" for others.</param>
/// <param name="Plural">The resource name in paths: "pods", "leases".</param>
internal sealed record KubeResource<T>(
    string GroupVersionPath,
    string Plural,
    bool Namespaced,
    JsonTypeInfo<T> TypeInfo,
    Func<T, ObjectMeta?> Metadata)
    where T : class
{
    public string CollectionPath(string? namespaceName)
    {
        if (!Namespaced)
        {
            return namespaceName is null
                ? $"{GroupVersionPath}/{Plural}"
                : throw new ArgumentException($"{Plural} are not namespaced; pass no namespace", nameof(namespaceName));
        }

        // A namespaced collection without a namespace is the all-namespaces list (used by watches of a node's pods).
        return namespaceName is null
            ? $"{GroupVersionPath}/{Plural}"
            : $"{GroupVersionPath}/namespaces/{Segment(namespaceName, nameof(namespaceName))}/{Plural}";
    }

    public string ObjectPath(string? namespaceName, string name, string? subresource = null)
    {
        if (Namespaced && namespaceName is null)
        {
            throw new ArgumentException($"{Plural} are namespaced; pass a namespace", nameof(namespaceName));
        }

        var path = $"{CollectionPath(namespaceName)}/{Segment(name, nameof(name))}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    /// <summary>The name of an object, which update needs for its path.</summary>
    public string NameOf(T obj) =>
        Metadata(obj)?.Name is { Length: > 0 } name ? name : throw new ArgumentException($"the {Plural} object has no metadata.name", nameof(obj));

    private static string Segment(string value, string parameter)
    {
        // "." and ".." would change the path itself; names never contain "/" but escaping keeps it that way.
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        return value is "." or ".." ? throw new ArgumentException($"\"{value}\" is not a valid name", parameter) : Uri.EscapeDataString(value);
    }
}
