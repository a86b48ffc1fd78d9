using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequest: how the kubelet asks for its client and serving certificates.</summary>
internal sealed class CertificateSigningRequest
{
    public const string ApiVersionV1 = "certificates.k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; } = ApiVersionV1;

    [JsonPropertyName("kind")]
    public string? Kind { get; set; } = "CertificateSigningRequest";

    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public CertificateSigningRequestSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public CertificateSigningRequestStatus? Status { get; set; }
}
