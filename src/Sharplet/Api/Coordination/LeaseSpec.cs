using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>coordination.k8s.io/v1 LeaseSpec; times are MicroTime (microsecond precision).</summary>
internal sealed class LeaseSpec
{
    [JsonPropertyName("holderIdentity")]
    public string? HolderIdentity { get; set; }

    [JsonPropertyName("leaseDurationSeconds")]
    public int? LeaseDurationSeconds { get; set; }

    [JsonPropertyName("acquireTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonPropertyName("renewTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    [JsonPropertyName("leaseTransitions")]
    public int? LeaseTransitions { get; set; }

    [JsonPropertyName("strategy")]
    public string? Strategy { get; set; }

    [JsonPropertyName("preferredHolder")]
    public string? PreferredHolder { get; set; }
}
