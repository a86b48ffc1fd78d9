using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 GRPCAction.</summary>
internal sealed class GRPCAction
{
    [JsonPropertyName("port")]
    public int Port { get; set; }

    [JsonPropertyName("service")]
    public string? Service { get; set; }
}
