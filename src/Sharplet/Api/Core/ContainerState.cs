using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerState: at most one member is set.</summary>
internal sealed class ContainerState
{
    [JsonPropertyName("waiting")]
    public ContainerStateWaiting? Waiting { get; set; }

    [JsonPropertyName("running")]
    public ContainerStateRunning? Running { get; set; }

    [JsonPropertyName("terminated")]
    public ContainerStateTerminated? Terminated { get; set; }
}
