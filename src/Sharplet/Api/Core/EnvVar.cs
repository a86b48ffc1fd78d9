using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EnvVar.</summary>
internal sealed class EnvVar
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("valueFrom")]
    public EnvVarSource? ValueFrom { get; set; }
}
