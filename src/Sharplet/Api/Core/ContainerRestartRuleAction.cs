namespace Sharplet.Api;

/// <summary>core/v1 ContainerRestartRuleAction values.</summary>
internal static class ContainerRestartRuleAction
{
    public const string Restart = "Restart";
}
