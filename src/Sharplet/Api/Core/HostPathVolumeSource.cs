using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 HostPathVolumeSource.</summary>
internal sealed class HostPathVolumeSource
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
