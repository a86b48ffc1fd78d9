using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.ListMeta: the metadata of a list response.</summary>
internal sealed class ListMeta
{
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    [JsonPropertyName("remainingItemCount")]
    public long? RemainingItemCount { get; set; }
}
