using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeFeatures.</summary>
internal sealed class NodeFeatures
{
    [JsonPropertyName("supplementalGroupsPolicy")]
    public bool? SupplementalGroupsPolicy { get; set; }
}
