using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerResizePolicy.</summary>
internal sealed class ContainerResizePolicy
{
    [JsonPropertyName("resourceName")]
    public string ResourceName { get; set; } = string.Empty;

    [JsonPropertyName("restartPolicy")]
    public string RestartPolicy { get; set; } = string.Empty;
}
