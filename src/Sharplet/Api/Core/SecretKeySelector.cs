using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecretKeySelector.</summary>
internal sealed class SecretKeySelector
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
