using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 AppArmorProfile.</summary>
internal sealed class AppArmorProfile
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; set; }
}
