using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>authentication.k8s.io/v1 TokenRequestSpec.</summary>
internal sealed class TokenRequestSpec
{
    // Empty: the API server's own audiences (--api-audiences), as upstream sends for a projection without one.
    [JsonPropertyName("audiences")]
    public List<string> Audiences { get; set; } = [];

    [JsonPropertyName("expirationSeconds")]
    public long? ExpirationSeconds { get; set; }

    [JsonPropertyName("boundObjectRef")]
    public BoundObjectReference? BoundObjectRef { get; set; }
}
