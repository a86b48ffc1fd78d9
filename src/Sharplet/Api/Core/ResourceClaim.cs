using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ResourceClaim: a container's use of a pod resource claim.</summary>
internal sealed class ResourceClaim
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("request")]
    public string? Request { get; set; }
}
