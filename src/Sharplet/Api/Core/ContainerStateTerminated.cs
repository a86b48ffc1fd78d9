using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerStateTerminated.</summary>
internal sealed class ContainerStateTerminated
{
    [JsonPropertyName("exitCode")]
    public int ExitCode { get; set; }

    [JsonPropertyName("signal")]
    public int? Signal { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("startedAt")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonPropertyName("finishedAt")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? FinishedAt { get; set; }

    [JsonPropertyName("containerID")]
    public string? ContainerID { get; set; }
}
