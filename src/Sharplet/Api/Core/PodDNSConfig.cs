using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodDNSConfig.</summary>
internal sealed class PodDNSConfig
{
    [JsonPropertyName("nameservers")]
    public List<string>? Nameservers { get; set; }

    [JsonPropertyName("searches")]
    public List<string>? Searches { get; set; }

    [JsonPropertyName("options")]
    public List<PodDNSConfigOption>? Options { get; set; }
}
