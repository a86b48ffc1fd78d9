using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodOS.</summary>
internal sealed class PodOS
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}
