using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodDNSConfigOption.</summary>
internal sealed class PodDNSConfigOption
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
