using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 HTTPGetAction.</summary>
internal sealed class HTTPGetAction
{
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    // A number or the name of a container port.
    [JsonPropertyName("port")]
    public IntOrString Port { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    [JsonPropertyName("httpHeaders")]
    public List<HTTPHeader>? HttpHeaders { get; set; }
}
