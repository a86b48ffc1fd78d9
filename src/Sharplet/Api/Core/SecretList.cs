using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecretList.</summary>
internal sealed class SecretList
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
    public List<Secret>? Items { get; set; }
}
