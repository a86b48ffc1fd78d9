using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ConfigMapEnvSource.</summary>
internal sealed class ConfigMapEnvSource
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
