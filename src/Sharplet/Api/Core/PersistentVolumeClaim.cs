using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolumeClaim.</summary>
internal sealed class PersistentVolumeClaim
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public PersistentVolumeClaimSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PersistentVolumeClaimStatus? Status { get; set; }
}
