using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecretProjection.</summary>
internal sealed class SecretProjection
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("items")]
    public List<KeyToPath>? Items { get; set; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
