namespace Sharplet.Api;

/// <summary>core/v1 ContainerRestartPolicy values; Always on an init container makes it a sidecar.</summary>
internal static class ContainerRestartPolicy
{
    public const string Always = "Always";

    public const string OnFailure = "OnFailure";

    public const string Never = "Never";
}
