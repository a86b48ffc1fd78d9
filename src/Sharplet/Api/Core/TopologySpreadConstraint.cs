using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 TopologySpreadConstraint.</summary>
internal sealed class TopologySpreadConstraint
{
    [JsonPropertyName("maxSkew")]
    public int MaxSkew { get; set; }

    [JsonPropertyName("topologyKey")]
    public string TopologyKey { get; set; } = string.Empty;

    [JsonPropertyName("whenUnsatisfiable")]
    public string WhenUnsatisfiable { get; set; } = string.Empty;

    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; set; }

    [JsonPropertyName("minDomains")]
    public int? MinDomains { get; set; }

    [JsonPropertyName("nodeAffinityPolicy")]
    public string? NodeAffinityPolicy { get; set; }

    [JsonPropertyName("nodeTaintsPolicy")]
    public string? NodeTaintsPolicy { get; set; }

    [JsonPropertyName("matchLabelKeys")]
    public List<string>? MatchLabelKeys { get; set; }
}
