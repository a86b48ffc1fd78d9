using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 DownwardAPIVolumeSource.</summary>
internal sealed class DownwardAPIVolumeSource
{
    [JsonPropertyName("items")]
    public List<DownwardAPIVolumeFile>? Items { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }
}
