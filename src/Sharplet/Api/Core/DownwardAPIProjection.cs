using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 DownwardAPIProjection.</summary>
internal sealed class DownwardAPIProjection
{
    [JsonPropertyName("items")]
    public List<DownwardAPIVolumeFile>? Items { get; set; }
}
