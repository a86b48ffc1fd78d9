using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerUser.</summary>
internal sealed class ContainerUser
{
    [JsonPropertyName("linux")]
    public LinuxContainerUser? Linux { get; set; }
}
