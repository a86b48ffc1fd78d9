using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// core/v1 Event, the form the kubelet records. reportingComponent and reportingInstance are
/// written even when empty, as upstream does.
/// </summary>
internal sealed class Event
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("involvedObject")]
    public ObjectReference? InvolvedObject { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("source")]
    public EventSource? Source { get; set; }

    [JsonPropertyName("firstTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? FirstTimestamp { get; set; }

    [JsonPropertyName("lastTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastTimestamp { get; set; }

    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("eventTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }

    [JsonPropertyName("series")]
    public EventSeries? Series { get; set; }

    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("related")]
    public ObjectReference? Related { get; set; }

    [JsonPropertyName("reportingComponent")]
    public string ReportingComponent { get; set; } = string.Empty;

    [JsonPropertyName("reportingInstance")]
    public string ReportingInstance { get; set; } = string.Empty;
}
