using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 VolumeMountStatus.</summary>
internal sealed class VolumeMountStatus
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("mountPath")]
    public string MountPath { get; set; } = string.Empty;

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }

    [JsonPropertyName("recursiveReadOnly")]
    public string? RecursiveReadOnly { get; set; }
}
