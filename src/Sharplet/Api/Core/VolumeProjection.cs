using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// core/v1 VolumeProjection: exactly one projection is set.
/// Cluster trust bundles and pod certificates need API groups the kubelet reads elsewhere, so they stay raw JSON.
/// </summary>
internal sealed class VolumeProjection
{
    [JsonPropertyName("secret")]
    public SecretProjection? Secret { get; set; }

    [JsonPropertyName("downwardAPI")]
    public DownwardAPIProjection? DownwardAPI { get; set; }

    [JsonPropertyName("configMap")]
    public ConfigMapProjection? ConfigMap { get; set; }

    [JsonPropertyName("serviceAccountToken")]
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }

    [JsonPropertyName("clusterTrustBundle")]
    public JsonElement? ClusterTrustBundle { get; set; }

    [JsonPropertyName("podCertificate")]
    public JsonElement? PodCertificate { get; set; }
}
