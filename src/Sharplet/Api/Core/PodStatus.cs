using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodStatus, which the kubelet owns and writes.</summary>
internal sealed class PodStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions")]
    public List<PodCondition>? Conditions { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("nominatedNodeName")]
    public string? NominatedNodeName { get; set; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }

    [JsonPropertyName("hostIPs")]
    public List<HostIP>? HostIPs { get; set; }

    [JsonPropertyName("podIP")]
    public string? PodIP { get; set; }

    [JsonPropertyName("podIPs")]
    public List<PodIP>? PodIPs { get; set; }

    [JsonPropertyName("startTime")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? StartTime { get; set; }

    [JsonPropertyName("initContainerStatuses")]
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    [JsonPropertyName("containerStatuses")]
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    [JsonPropertyName("qosClass")]
    public string? QosClass { get; set; }

    [JsonPropertyName("ephemeralContainerStatuses")]
    public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }

    // Deprecated in favor of the PodResizePending/PodResizeInProgress conditions; still read from older servers.
    [JsonPropertyName("resize")]
    public string? Resize { get; set; }

    [JsonPropertyName("resourceClaimStatuses")]
    public List<PodResourceClaimStatus>? ResourceClaimStatuses { get; set; }

    [JsonPropertyName("extendedResourceClaimStatus")]
    public JsonElement? ExtendedResourceClaimStatus { get; set; }
}
