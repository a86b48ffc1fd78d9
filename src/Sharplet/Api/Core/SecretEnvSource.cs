using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecretEnvSource.</summary>
internal sealed class SecretEnvSource
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
