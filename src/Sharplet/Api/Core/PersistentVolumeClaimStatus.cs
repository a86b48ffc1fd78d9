using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolumeClaimStatus.</summary>
internal sealed class PersistentVolumeClaimStatus
{
    // Pending, Bound or Lost: the kubelet mounts only a Bound claim.
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("capacity")]
    public Dictionary<string, Quantity>? Capacity { get; set; }
}
