using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 Lifecycle.</summary>
internal sealed class Lifecycle
{
    [JsonPropertyName("postStart")]
    public LifecycleHandler? PostStart { get; set; }

    [JsonPropertyName("preStop")]
    public LifecycleHandler? PreStop { get; set; }

    [JsonPropertyName("stopSignal")]
    public string? StopSignal { get; set; }
}
