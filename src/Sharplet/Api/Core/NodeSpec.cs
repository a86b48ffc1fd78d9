using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSpec.</summary>
internal sealed class NodeSpec
{
    [JsonPropertyName("podCIDR")]
    public string? PodCIDR { get; set; }

    [JsonPropertyName("podCIDRs")]
    public List<string>? PodCIDRs { get; set; }

    [JsonPropertyName("providerID")]
    public string? ProviderID { get; set; }

    [JsonPropertyName("unschedulable")]
    public bool? Unschedulable { get; set; }

    [JsonPropertyName("taints")]
    public List<Taint>? Taints { get; set; }

    // Dynamic kubelet config was removed upstream; kept raw so old objects round-trip.
    [JsonPropertyName("configSource")]
    public JsonElement? ConfigSource { get; set; }

    [JsonPropertyName("externalID")]
    public string? ExternalID { get; set; }
}
