using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 CSIPersistentVolumeSource, typed only as far as naming the driver; the rest round-trips.</summary>
internal sealed class CSIPersistentVolumeSource
{
    [JsonPropertyName("driver")]
    public string Driver { get; set; } = string.Empty;

    [JsonPropertyName("volumeHandle")]
    public string VolumeHandle { get; set; } = string.Empty;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; set; }
}
