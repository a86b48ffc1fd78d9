namespace Sharplet.Api;

/// <summary>core/v1 ResourceResizeRestartPolicy values.</summary>
internal static class ResourceResizeRestartPolicy
{
    public const string NotRequired = "NotRequired";

    public const string RestartContainer = "RestartContainer";
}
