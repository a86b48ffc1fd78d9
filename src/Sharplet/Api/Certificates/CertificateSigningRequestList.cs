using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequestList.</summary>
internal sealed class CertificateSigningRequestList
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public List<CertificateSigningRequest>? Items { get; set; }
}
