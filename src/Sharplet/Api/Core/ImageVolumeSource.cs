using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ImageVolumeSource: an OCI image mounted as a volume.</summary>
internal sealed class ImageVolumeSource
{
    [JsonPropertyName("reference")]
    public string? Reference { get; set; }

    [JsonPropertyName("pullPolicy")]
    public string? PullPolicy { get; set; }
}
