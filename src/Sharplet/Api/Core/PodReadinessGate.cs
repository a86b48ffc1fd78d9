using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodReadinessGate.</summary>
internal sealed class PodReadinessGate
{
    [JsonPropertyName("conditionType")]
    public string ConditionType { get; set; } = string.Empty;
}
