using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeStatus, which the kubelet owns and writes.</summary>
internal sealed class NodeStatus
{
    [JsonPropertyName("capacity")]
    public Dictionary<string, Quantity>? Capacity { get; set; }

    [JsonPropertyName("allocatable")]
    public Dictionary<string, Quantity>? Allocatable { get; set; }

    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions")]
    public List<NodeCondition>? Conditions { get; set; }

    [JsonPropertyName("addresses")]
    public List<NodeAddress>? Addresses { get; set; }

    [JsonPropertyName("daemonEndpoints")]
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }

    [JsonPropertyName("nodeInfo")]
    public NodeSystemInfo? NodeInfo { get; set; }

    [JsonPropertyName("images")]
    public List<ContainerImage>? Images { get; set; }

    [JsonPropertyName("volumesInUse")]
    public List<string>? VolumesInUse { get; set; }

    [JsonPropertyName("volumesAttached")]
    public List<AttachedVolume>? VolumesAttached { get; set; }

    // NodeConfigStatus of the removed dynamic kubelet config feature.
    [JsonPropertyName("config")]
    public JsonElement? Config { get; set; }

    [JsonPropertyName("runtimeHandlers")]
    public List<NodeRuntimeHandler>? RuntimeHandlers { get; set; }

    [JsonPropertyName("features")]
    public NodeFeatures? Features { get; set; }

    [JsonPropertyName("declaredFeatures")]
    public List<string>? DeclaredFeatures { get; set; }
}
