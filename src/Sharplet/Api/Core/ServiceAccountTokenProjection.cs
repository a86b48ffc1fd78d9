using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ServiceAccountTokenProjection.</summary>
internal sealed class ServiceAccountTokenProjection
{
    [JsonPropertyName("audience")]
    public string? Audience { get; set; }

    [JsonPropertyName("expirationSeconds")]
    public long? ExpirationSeconds { get; set; }

    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;
}
