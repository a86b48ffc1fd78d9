using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ResourceRequirements.</summary>
internal sealed class ResourceRequirements
{
    [JsonPropertyName("limits")]
    public Dictionary<string, Quantity>? Limits { get; set; }

    [JsonPropertyName("requests")]
    public Dictionary<string, Quantity>? Requests { get; set; }

    [JsonPropertyName("claims")]
    public List<ResourceClaim>? Claims { get; set; }
}
