using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 LocalVolumeSource: a directory (or device) of one node, pinned by the PV's node affinity.</summary>
internal sealed class LocalVolumeSource
{
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    [JsonPropertyName("fsType")]
    public string? FsType { get; set; }
}
