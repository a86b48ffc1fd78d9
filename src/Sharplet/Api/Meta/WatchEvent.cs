using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sharplet.Api;

/// <summary>
/// One line of a watch stream. The object stays raw JSON until the type is known: ADDED,
/// MODIFIED and DELETED carry the watched kind, BOOKMARK only its metadata and ERROR a
/// <see cref="Status"/>, so one typed property could not hold them all.
/// </summary>
internal sealed class WatchEvent
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }

    /// <summary>Decodes the object as <typeparamref name="T"/>; lenient, because servers add fields.</summary>
    public T? DecodeObject<T>(JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Object.ValueKind == JsonValueKind.Object ? Object.Deserialize(typeInfo) : null;
    }

    /// <summary>The <see cref="Status"/> of an ERROR event (for example 410 Expired), or null for other events.</summary>
    public Status? DecodeErrorStatus() =>
        string.Equals(Type, WatchEventType.Error, StringComparison.Ordinal)
            ? DecodeObject((JsonTypeInfo<Status>)KubeJson.Lenient.GetTypeInfo(typeof(Status)))
            : null;
}
