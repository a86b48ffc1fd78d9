using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Namespace.</summary>
internal sealed class Namespace
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public NamespaceSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public NamespaceStatus? Status { get; set; }
}
