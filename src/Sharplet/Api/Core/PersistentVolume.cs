using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolume (cluster-scoped).</summary>
internal sealed class PersistentVolume
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public PersistentVolumeSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PersistentVolumeStatus? Status { get; set; }
}
