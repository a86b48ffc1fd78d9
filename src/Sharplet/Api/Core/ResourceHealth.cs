using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ResourceHealth.</summary>
internal sealed class ResourceHealth
{
    [JsonPropertyName("resourceID")]
    public string ResourceID { get; set; } = string.Empty;

    [JsonPropertyName("health")]
    public string? Health { get; set; }
}
