using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerStateWaiting.</summary>
internal sealed class ContainerStateWaiting
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
