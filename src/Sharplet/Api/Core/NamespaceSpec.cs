using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NamespaceSpec.</summary>
internal sealed class NamespaceSpec
{
    [JsonPropertyName("finalizers")]
    public List<string>? Finalizers { get; set; }
}
