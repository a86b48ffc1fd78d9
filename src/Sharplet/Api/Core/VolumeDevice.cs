using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 VolumeDevice.</summary>
internal sealed class VolumeDevice
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("devicePath")]
    public string DevicePath { get; set; } = string.Empty;
}
