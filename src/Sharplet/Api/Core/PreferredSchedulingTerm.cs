using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PreferredSchedulingTerm.</summary>
internal sealed class PreferredSchedulingTerm
{
    [JsonPropertyName("weight")]
    public int Weight { get; set; }

    [JsonPropertyName("preference")]
    public NodeSelectorTerm? Preference { get; set; }
}
