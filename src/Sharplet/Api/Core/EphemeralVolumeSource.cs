using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EphemeralVolumeSource; the claim template is created by the controller, so it stays raw JSON.</summary>
internal sealed class EphemeralVolumeSource
{
    [JsonPropertyName("volumeClaimTemplate")]
    public JsonElement? VolumeClaimTemplate { get; set; }
}
