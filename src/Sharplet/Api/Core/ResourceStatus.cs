using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ResourceStatus.</summary>
internal sealed class ResourceStatus
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("resources")]
    public List<ResourceHealth>? Resources { get; set; }
}
