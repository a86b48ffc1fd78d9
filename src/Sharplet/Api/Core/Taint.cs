using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Taint.</summary>
internal sealed class Taint
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("effect")]
    public string Effect { get; set; } = string.Empty;

    [JsonPropertyName("timeAdded")]
    [JsonConverter(typeof(KubeTimeConverter))]
    public DateTimeOffset? TimeAdded { get; set; }
}
