using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.LabelSelectorRequirement.</summary>
internal sealed class LabelSelectorRequirement
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("operator")]
    public string Operator { get; set; } = string.Empty;

    [JsonPropertyName("values")]
    public List<string>? Values { get; set; }
}
