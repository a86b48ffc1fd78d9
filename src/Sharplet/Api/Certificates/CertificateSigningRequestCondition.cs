using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequestCondition (Approved, Denied, Failed).</summary>
internal sealed class CertificateSigningRequestCondition
{
    public const string Approved = "Approved";
    public const string Denied = "Denied";
    public const string Failed = "Failed";

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("lastUpdateTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? LastUpdateTime { get; set; }
}
