using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequestStatus; <see cref="Certificate"/> is the issued PEM, base64 on the wire.</summary>
internal sealed class CertificateSigningRequestStatus
{
    [JsonPropertyName("conditions")]
    public List<CertificateSigningRequestCondition>? Conditions { get; set; }

    [JsonPropertyName("certificate")]
    public byte[]? Certificate { get; set; }
}
