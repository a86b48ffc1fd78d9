using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolumeClaimSpec.</summary>
internal sealed class PersistentVolumeClaimSpec
{
    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("volumeName")]
    public string? VolumeName { get; set; }

    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    [JsonPropertyName("volumeMode")]
    public string? VolumeMode { get; set; }
}
