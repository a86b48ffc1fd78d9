using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSwapStatus.</summary>
internal sealed class NodeSwapStatus
{
    [JsonPropertyName("capacity")]
    public long? Capacity { get; set; }
}
