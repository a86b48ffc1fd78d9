using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// core/v1 ContainerStatus. Upstream writes ready, restartCount, image and imageID even
/// when empty or zero, so they are not nullable here either.
/// </summary>
internal sealed class ContainerStatus
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("state")]
    public ContainerState? State { get; set; }

    [JsonPropertyName("lastState")]
    public ContainerState? LastState { get; set; }

    [JsonPropertyName("ready")]
    public bool Ready { get; set; }

    [JsonPropertyName("restartCount")]
    public int RestartCount { get; set; }

    [JsonPropertyName("image")]
    public string Image { get; set; } = string.Empty;

    [JsonPropertyName("imageID")]
    public string ImageID { get; set; } = string.Empty;

    [JsonPropertyName("containerID")]
    public string? ContainerID { get; set; }

    [JsonPropertyName("started")]
    public bool? Started { get; set; }

    [JsonPropertyName("allocatedResources")]
    public Dictionary<string, Quantity>? AllocatedResources { get; set; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; set; }

    [JsonPropertyName("volumeMounts")]
    public List<VolumeMountStatus>? VolumeMounts { get; set; }

    [JsonPropertyName("user")]
    public ContainerUser? User { get; set; }

    [JsonPropertyName("allocatedResourcesStatus")]
    public List<ResourceStatus>? AllocatedResourcesStatus { get; set; }

    [JsonPropertyName("stopSignal")]
    public string? StopSignal { get; set; }
}
