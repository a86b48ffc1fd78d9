using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PersistentVolumeStatus.</summary>
internal sealed class PersistentVolumeStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
