using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EventSource.</summary>
internal sealed class EventSource
{
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
