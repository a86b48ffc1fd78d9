using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeAffinity.</summary>
internal sealed class NodeAffinity
{
    [JsonPropertyName("requiredDuringSchedulingIgnoredDuringExecution")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    [JsonPropertyName("preferredDuringSchedulingIgnoredDuringExecution")]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
