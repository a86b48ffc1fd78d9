using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EventSeries.</summary>
internal sealed class EventSeries
{
    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("lastObservedTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
