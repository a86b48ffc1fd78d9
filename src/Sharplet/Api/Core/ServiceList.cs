using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ServiceList.</summary>
internal sealed class ServiceList
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public List<Service>? Items { get; set; }
}
