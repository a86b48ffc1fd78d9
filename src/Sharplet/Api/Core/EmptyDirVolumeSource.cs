using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
internal sealed class EmptyDirVolumeSource
{
    [JsonPropertyName("medium")]
    public string? Medium { get; set; }

    [JsonPropertyName("sizeLimit")]
    public Quantity? SizeLimit { get; set; }
}
