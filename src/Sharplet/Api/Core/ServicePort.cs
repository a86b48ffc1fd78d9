using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ServicePort.</summary>
internal sealed class ServicePort
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    // Named Number because C# members cannot share their type's name.
    [JsonPropertyName("port")]
    public int Number { get; set; }

    [JsonPropertyName("targetPort")]
    public IntOrString? TargetPort { get; set; }

    [JsonPropertyName("nodePort")]
    public int? NodePort { get; set; }
}
