using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Affinity; the kubelet admits on node affinity only, so pod (anti-)affinity stays raw JSON.</summary>
internal sealed class Affinity
{
    [JsonPropertyName("nodeAffinity")]
    public NodeAffinity? NodeAffinity { get; set; }

    [JsonPropertyName("podAffinity")]
    public JsonElement? PodAffinity { get; set; }

    [JsonPropertyName("podAntiAffinity")]
    public JsonElement? PodAntiAffinity { get; set; }
}
