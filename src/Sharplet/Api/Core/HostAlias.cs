using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 HostAlias: an extra /etc/hosts entry.</summary>
internal sealed class HostAlias
{
    [JsonPropertyName("ip")]
    public string IP { get; set; } = string.Empty;

    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }
}
