using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeAddress.</summary>
internal sealed class NodeAddress
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("address")]
    public string Address { get; set; } = string.Empty;
}
