using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>authentication.k8s.io/v1 BoundObjectReference: the pod a token dies with.</summary>
internal sealed class BoundObjectReference
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }
}
