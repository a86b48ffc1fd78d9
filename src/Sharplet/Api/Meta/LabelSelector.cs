using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.LabelSelector.</summary>
internal sealed class LabelSelector
{
    [JsonPropertyName("matchLabels")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
