using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodResourceClaimStatus.</summary>
internal sealed class PodResourceClaimStatus
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("resourceClaimName")]
    public string? ResourceClaimName { get; set; }
}
