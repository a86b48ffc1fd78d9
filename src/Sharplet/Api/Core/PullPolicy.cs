namespace Sharplet.Api;

/// <summary>core/v1 PullPolicy values.</summary>
internal static class PullPolicy
{
    public const string Always = "Always";

    public const string Never = "Never";

    public const string IfNotPresent = "IfNotPresent";
}
