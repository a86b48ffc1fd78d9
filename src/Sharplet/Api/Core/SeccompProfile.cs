using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SeccompProfile.</summary>
internal sealed class SeccompProfile
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; set; }
}
