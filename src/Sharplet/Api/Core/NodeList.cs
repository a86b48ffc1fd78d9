using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeList.</summary>
internal sealed class NodeList
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public List<Node>? Items { get; set; }
}
