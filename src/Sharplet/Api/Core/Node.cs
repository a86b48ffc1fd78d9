using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Node.</summary>
internal sealed class Node
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public NodeSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public NodeStatus? Status { get; set; }
}
