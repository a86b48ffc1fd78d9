using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Secret.</summary>
internal sealed class Secret
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("immutable")]
    public bool? Immutable { get; set; }

    // Base64 on the wire, which is how System.Text.Json writes byte arrays.
    [JsonPropertyName("data")]
    public Dictionary<string, byte[]>? Data { get; set; }

    // Write-only convenience: the server merges it into data and never returns it.
    [JsonPropertyName("stringData")]
    public Dictionary<string, string>? StringData { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
