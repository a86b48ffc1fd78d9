using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Sysctl.</summary>
internal sealed class Sysctl
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public string Value { get; set; } = string.Empty;
}
