using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeRuntimeHandler.</summary>
internal sealed class NodeRuntimeHandler
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("features")]
    public NodeRuntimeHandlerFeatures? Features { get; set; }
}
