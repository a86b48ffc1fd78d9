using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ResourceFieldSelector.</summary>
internal sealed class ResourceFieldSelector
{
    [JsonPropertyName("containerName")]
    public string? ContainerName { get; set; }

    [JsonPropertyName("resource")]
    public string Resource { get; set; } = string.Empty;

    [JsonPropertyName("divisor")]
    public Quantity? Divisor { get; set; }
}
