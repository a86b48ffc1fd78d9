using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 LinuxContainerUser: the identity the container process really runs as.</summary>
internal sealed class LinuxContainerUser
{
    [JsonPropertyName("uid")]
    public long Uid { get; set; }

    [JsonPropertyName("gid")]
    public long Gid { get; set; }

    [JsonPropertyName("supplementalGroups")]
    public List<long>? SupplementalGroups { get; set; }
}
