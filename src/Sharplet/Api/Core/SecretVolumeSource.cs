using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecretVolumeSource.</summary>
internal sealed class SecretVolumeSource
{
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    [JsonPropertyName("items")]
    public List<KeyToPath>? Items { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
