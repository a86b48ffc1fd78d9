using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolumeClaimVolumeSource.</summary>
internal sealed class PersistentVolumeClaimVolumeSource
{
    [JsonPropertyName("claimName")]
    public string ClaimName { get; set; } = string.Empty;

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }
}
