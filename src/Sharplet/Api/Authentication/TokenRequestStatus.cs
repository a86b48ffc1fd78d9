using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>authentication.k8s.io/v1 TokenRequestStatus.</summary>
internal sealed class TokenRequestStatus
{
    [JsonPropertyName("token")]
    public string Token { get; set; } = string.Empty;

    [JsonPropertyName("expirationTimestamp")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? ExpirationTimestamp { get; set; }
}
