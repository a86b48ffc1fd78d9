namespace Sharplet.Api;

/// <summary>core/v1 RestartPolicy values (pod level).</summary>
internal static class RestartPolicy
{
    public const string Always = "Always";

    public const string OnFailure = "OnFailure";

    public const string Never = "Never";
}
