using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SELinuxOptions.</summary>
internal sealed class SELinuxOptions
{
    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("level")]
    public string? Level { get; set; }
}
