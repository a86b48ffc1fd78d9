using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ProjectedVolumeSource.</summary>
internal sealed class ProjectedVolumeSource
{
    [JsonPropertyName("sources")]
    public List<VolumeProjection>? Sources { get; set; }

    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }
}
