using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 DaemonEndpoint.</summary>
internal sealed class DaemonEndpoint
{
    // Capitalized on the wire: upstream's JSON tag is "Port".
    [JsonPropertyName("Port")]
    public int Port { get; set; }
}
