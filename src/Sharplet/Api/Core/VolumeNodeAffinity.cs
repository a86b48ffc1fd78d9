using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 VolumeNodeAffinity: the nodes a PersistentVolume can be used from.</summary>
internal sealed class VolumeNodeAffinity
{
    [JsonPropertyName("required")]
    public NodeSelector? Required { get; set; }
}
