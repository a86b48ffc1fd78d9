using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeDaemonEndpoints.</summary>
internal sealed class NodeDaemonEndpoints
{
    [JsonPropertyName("kubeletEndpoint")]
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}
