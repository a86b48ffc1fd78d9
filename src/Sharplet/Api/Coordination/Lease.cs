using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>coordination.k8s.io/v1 Lease: the node heartbeat the kubelet renews.</summary>
internal sealed class Lease
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public LeaseSpec? Spec { get; set; }
}
