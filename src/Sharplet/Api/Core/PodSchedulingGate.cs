using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodSchedulingGate.</summary>
internal sealed class PodSchedulingGate
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}
