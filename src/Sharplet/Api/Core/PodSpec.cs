using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodSpec, every upstream field.</summary>
internal sealed class PodSpec
{
    [JsonPropertyName("volumes")]
    public List<Volume>? Volumes { get; set; }

    [JsonPropertyName("initContainers")]
    public List<Container>? InitContainers { get; set; }

    [JsonPropertyName("containers")]
    public List<Container>? Containers { get; set; }

    [JsonPropertyName("ephemeralContainers")]
    public List<EphemeralContainer>? EphemeralContainers { get; set; }

    [JsonPropertyName("restartPolicy")]
    public string? RestartPolicy { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }

    [JsonPropertyName("activeDeadlineSeconds")]
    public long? ActiveDeadlineSeconds { get; set; }

    [JsonPropertyName("dnsPolicy")]
    public string? DnsPolicy { get; set; }

    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; set; }

    // Deprecated alias of serviceAccountName that old clients still send.
    [JsonPropertyName("serviceAccount")]
    public string? ServiceAccount { get; set; }

    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; set; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    [JsonPropertyName("hostNetwork")]
    public bool? HostNetwork { get; set; }

    [JsonPropertyName("hostPID")]
    public bool? HostPID { get; set; }

    [JsonPropertyName("hostIPC")]
    public bool? HostIPC { get; set; }

    [JsonPropertyName("shareProcessNamespace")]
    public bool? ShareProcessNamespace { get; set; }

    [JsonPropertyName("securityContext")]
    public PodSecurityContext? SecurityContext { get; set; }

    [JsonPropertyName("imagePullSecrets")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; set; }

    [JsonPropertyName("affinity")]
    public Affinity? Affinity { get; set; }

    [JsonPropertyName("schedulerName")]
    public string? SchedulerName { get; set; }

    [JsonPropertyName("tolerations")]
    public List<Toleration>? Tolerations { get; set; }

    [JsonPropertyName("hostAliases")]
    public List<HostAlias>? HostAliases { get; set; }

    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; set; }

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("dnsConfig")]
    public PodDNSConfig? DnsConfig { get; set; }

    [JsonPropertyName("readinessGates")]
    public List<PodReadinessGate>? ReadinessGates { get; set; }

    [JsonPropertyName("runtimeClassName")]
    public string? RuntimeClassName { get; set; }

    [JsonPropertyName("enableServiceLinks")]
    public bool? EnableServiceLinks { get; set; }

    [JsonPropertyName("preemptionPolicy")]
    public string? PreemptionPolicy { get; set; }

    [JsonPropertyName("overhead")]
    public Dictionary<string, Quantity>? Overhead { get; set; }

    [JsonPropertyName("topologySpreadConstraints")]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    [JsonPropertyName("setHostnameAsFQDN")]
    public bool? SetHostnameAsFQDN { get; set; }

    [JsonPropertyName("os")]
    public PodOS? OS { get; set; }

    [JsonPropertyName("hostUsers")]
    public bool? HostUsers { get; set; }

    [JsonPropertyName("schedulingGates")]
    public List<PodSchedulingGate>? SchedulingGates { get; set; }

    [JsonPropertyName("resourceClaims")]
    public List<PodResourceClaim>? ResourceClaims { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("hostnameOverride")]
    public string? HostnameOverride { get; set; }
}
