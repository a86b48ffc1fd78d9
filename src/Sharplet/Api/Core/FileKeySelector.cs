using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 FileKeySelector: a key of an env file in a volume.</summary>
internal sealed class FileKeySelector
{
    [JsonPropertyName("volumeName")]
    public string VolumeName { get; set; } = string.Empty;

    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
