using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 AttachedVolume.</summary>
internal sealed class AttachedVolume
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("devicePath")]
    public string DevicePath { get; set; } = string.Empty;
}
