using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 CSIVolumeSource: an inline ephemeral CSI volume.</summary>
internal sealed class CSIVolumeSource
{
    [JsonPropertyName("driver")]
    public string Driver { get; set; } = string.Empty;

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }

    [JsonPropertyName("fsType")]
    public string? FsType { get; set; }

    [JsonPropertyName("volumeAttributes")]
    public Dictionary<string, string>? VolumeAttributes { get; set; }

    [JsonPropertyName("nodePublishSecretRef")]
    public LocalObjectReference? NodePublishSecretRef { get; set; }
}
