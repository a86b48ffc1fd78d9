using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// authentication.k8s.io/v1 TokenRequest: posted to serviceaccounts/{name}/token, answered with the token.
/// The kubelet asks for the tokens of projected serviceAccountToken volumes with it.
/// </summary>
internal sealed class TokenRequest
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; } = "authentication.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string? Kind { get; set; } = "TokenRequest";

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public TokenRequestSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TokenRequestStatus? Status { get; set; }
}
