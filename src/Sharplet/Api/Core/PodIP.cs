using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodIP.</summary>
internal sealed class PodIP
{
    [JsonPropertyName("ip")]
    public string IP { get; set; } = string.Empty;
}
