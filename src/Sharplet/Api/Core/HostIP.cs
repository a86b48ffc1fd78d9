using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 HostIP.</summary>
internal sealed class HostIP
{
    [JsonPropertyName("ip")]
    public string IP { get; set; } = string.Empty;
}
