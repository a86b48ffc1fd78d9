using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 DownwardAPIVolumeFile.</summary>
internal sealed class DownwardAPIVolumeFile
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("fieldRef")]
    public ObjectFieldSelector? FieldRef { get; set; }

    [JsonPropertyName("resourceFieldRef")]
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    [JsonPropertyName("mode")]
    public int? Mode { get; set; }
}
