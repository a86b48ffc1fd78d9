using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 LocalObjectReference.</summary>
internal sealed class LocalObjectReference
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
