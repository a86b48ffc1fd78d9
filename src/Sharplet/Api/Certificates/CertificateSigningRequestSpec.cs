using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequestSpec; <see cref="Request"/> is the PEM CSR, base64 on the wire.</summary>
internal sealed class CertificateSigningRequestSpec
{
    [JsonPropertyName("request")]
    public byte[]? Request { get; set; }

    [JsonPropertyName("signerName")]
    public string SignerName { get; set; } = string.Empty;

    [JsonPropertyName("usages")]
    public List<string>? Usages { get; set; }

    // Set by the API server from the requester's identity; read only.
    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("groups")]
    public List<string>? Groups { get; set; }
}
