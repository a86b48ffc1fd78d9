using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeRuntimeHandlerFeatures.</summary>
internal sealed class NodeRuntimeHandlerFeatures
{
    [JsonPropertyName("recursiveReadOnlyMounts")]
    public bool? RecursiveReadOnlyMounts { get; set; }

    [JsonPropertyName("userNamespaces")]
    public bool? UserNamespaces { get; set; }
}
