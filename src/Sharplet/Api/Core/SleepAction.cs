using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SleepAction.</summary>
internal sealed class SleepAction
{
    [JsonPropertyName("seconds")]
    public long Seconds { get; set; }
}
