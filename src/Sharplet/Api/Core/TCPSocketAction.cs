using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 TCPSocketAction.</summary>
internal sealed class TCPSocketAction
{
    [JsonPropertyName("port")]
    public IntOrString Port { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
