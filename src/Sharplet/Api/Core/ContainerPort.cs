using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerPort.</summary>
internal sealed class ContainerPort
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }

    // Named Number because C# members cannot share their type's name.
    [JsonPropertyName("containerPort")]
    public int Number { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }
}
