using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.DeleteOptions: the body of a DELETE request.</summary>
internal sealed class DeleteOptions
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("gracePeriodSeconds")]
    public long? GracePeriodSeconds { get; set; }

    [JsonPropertyName("preconditions")]
    public Preconditions? Preconditions { get; set; }

    [JsonPropertyName("orphanDependents")]
    public bool? OrphanDependents { get; set; }

    [JsonPropertyName("propagationPolicy")]
    public string? PropagationPolicy { get; set; }

    [JsonPropertyName("dryRun")]
    public List<string>? DryRun { get; set; }

    [JsonPropertyName("ignoreStoreReadErrorWithClusterBreakingPotential")]
    public bool? IgnoreStoreReadErrorWithClusterBreakingPotential { get; set; }
}
