using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ContainerRestartRule.</summary>
internal sealed class ContainerRestartRule
{
    [JsonPropertyName("action")]
    public string Action { get; set; } = string.Empty;

    [JsonPropertyName("exitCodes")]
    public ContainerRestartRuleOnExitCodes? ExitCodes { get; set; }
}
