using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSelectorRequirement.</summary>
internal sealed class NodeSelectorRequirement
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("operator")]
    public string Operator { get; set; } = string.Empty;

    [JsonPropertyName("values")]
    public List<string>? Values { get; set; }
}
