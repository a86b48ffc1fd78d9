using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Service: what the kubelet reads of it (service environment variables).</summary>
internal sealed class Service
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public ServiceSpec? Spec { get; set; }
}
