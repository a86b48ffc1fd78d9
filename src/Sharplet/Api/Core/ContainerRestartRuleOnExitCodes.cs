using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerRestartRuleOnExitCodes.</summary>
internal sealed class ContainerRestartRuleOnExitCodes
{
    [JsonPropertyName("operator")]
    public string Operator { get; set; } = string.Empty;

    [JsonPropertyName("values")]
    public List<int>? Values { get; set; }
}
