using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ConfigMapVolumeSource.</summary>
internal sealed class ConfigMapVolumeSource
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("items")]
    public List<KeyToPath>? Items { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
