using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodCondition.</summary>
internal sealed class PodCondition
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    [JsonPropertyName("lastProbeTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastProbeTime { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
