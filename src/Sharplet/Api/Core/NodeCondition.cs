using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeCondition.</summary>
internal sealed class NodeCondition
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    [JsonPropertyName("lastHeartbeatTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastHeartbeatTime { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
