using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerStateRunning.</summary>
internal sealed class ContainerStateRunning
{
    [JsonPropertyName("startedAt")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? StartedAt { get; set; }
}
