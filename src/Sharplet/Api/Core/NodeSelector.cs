using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSelector: the terms are ORed.</summary>
internal sealed class NodeSelector
{
    [JsonPropertyName("nodeSelectorTerms")]
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}
