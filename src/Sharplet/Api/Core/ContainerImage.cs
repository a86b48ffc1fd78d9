using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerImage.</summary>
internal sealed class ContainerImage
{
    [JsonPropertyName("names")]
    public List<string>? Names { get; set; }

    [JsonPropertyName("sizeBytes")]
    public long? SizeBytes { get; set; }
}
