using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 VolumeMount.</summary>
internal sealed class VolumeMount
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }

    [JsonPropertyName("recursiveReadOnly")]
    public string? RecursiveReadOnly { get; set; }

    [JsonPropertyName("mountPath")]
    public string MountPath { get; set; } = string.Empty;

    [JsonPropertyName("subPath")]
    public string? SubPath { get; set; }

    [JsonPropertyName("mountPropagation")]
    public string? MountPropagation { get; set; }

    [JsonPropertyName("subPathExpr")]
    public string? SubPathExpr { get; set; }
}
