using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 HTTPHeader.</summary>
internal sealed class HTTPHeader
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public string Value { get; set; } = string.Empty;
}
