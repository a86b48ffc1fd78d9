using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 KeyToPath.</summary>
internal sealed class KeyToPath
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("mode")]
    public int? Mode { get; set; }
}
