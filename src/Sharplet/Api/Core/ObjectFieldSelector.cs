using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ObjectFieldSelector.</summary>
internal sealed class ObjectFieldSelector
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("fieldPath")]
    public string FieldPath { get; set; } = string.Empty;
}
