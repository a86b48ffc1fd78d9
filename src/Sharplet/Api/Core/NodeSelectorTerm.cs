using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSelectorTerm: the requirements are ANDed.</summary>
internal sealed class NodeSelectorTerm
{
    [JsonPropertyName("matchExpressions")]
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    [JsonPropertyName("matchFields")]
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}
