using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Capabilities.</summary>
internal sealed class Capabilities
{
    [JsonPropertyName("add")]
    public List<string>? Add { get; set; }

    [JsonPropertyName("drop")]
    public List<string>? Drop { get; set; }
}
