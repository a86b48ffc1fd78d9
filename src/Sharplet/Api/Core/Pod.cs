using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Pod.</summary>
internal sealed class Pod
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public PodStatus? Status { get; set; }
}
