using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ServiceSpec (the fields the kubelet uses; the lenient reader ignores the rest).</summary>
internal sealed class ServiceSpec
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    // "None" for a headless Service; empty for ExternalName ones.
    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }

    [JsonPropertyName("clusterIPs")]
    public List<string>? ClusterIPs { get; set; }

    [JsonPropertyName("ports")]
    public List<ServicePort>? Ports { get; set; }

    [JsonPropertyName("selector")]
    public Dictionary<string, string>? Selector { get; set; }
}
