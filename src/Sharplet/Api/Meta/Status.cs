using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.Status: the body of API errors and of watch ERROR events.</summary>
internal sealed class Status
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    // "Success" or "Failure"; named Result because C# members cannot share their type's name.
    [JsonPropertyName("status")]
    public string? Result { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("details")]
    public StatusDetails? Details { get; set; }

    [JsonPropertyName("code")]
    public int? Code { get; set; }
}
