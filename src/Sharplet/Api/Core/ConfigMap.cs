using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ConfigMap.</summary>
internal sealed class ConfigMap
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("immutable")]
    public bool? Immutable { get; set; }

    [JsonPropertyName("data")]
    public Dictionary<string, string>? Data { get; set; }

    // Base64 on the wire, which is how System.Text.Json writes byte arrays.
    [JsonPropertyName("binaryData")]
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}
