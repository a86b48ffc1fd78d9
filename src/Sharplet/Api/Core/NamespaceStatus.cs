using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NamespaceStatus.</summary>
internal sealed class NamespaceStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions")]
    public List<NamespaceCondition>? Conditions { get; set; }
}
