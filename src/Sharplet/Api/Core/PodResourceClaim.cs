using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodResourceClaim.</summary>
internal sealed class PodResourceClaim
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("resourceClaimName")]
    public string? ResourceClaimName { get; set; }

    [JsonPropertyName("resourceClaimTemplateName")]
    public string? ResourceClaimTemplateName { get; set; }
}
