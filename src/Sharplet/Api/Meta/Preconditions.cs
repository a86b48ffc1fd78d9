using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.Preconditions: a delete only happens if these still match.</summary>
internal sealed class Preconditions
{
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }
}
