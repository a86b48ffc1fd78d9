using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.StatusCause.</summary>
internal sealed class StatusCause
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }
}
