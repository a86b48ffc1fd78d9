namespace Sharplet.Api;

/// <summary>Built-in core/v1 PodConditionType values; readiness gates add custom ones.</summary>
internal static class PodConditionType
{
    public const string ContainersReady = "ContainersReady";

    public const string Initialized = "Initialized";

    public const string Ready = "Ready";

    public const string PodScheduled = "PodScheduled";

    public const string DisruptionTarget = "DisruptionTarget";

    public const string PodReadyToStartContainers = "PodReadyToStartContainers";

    public const string PodResizePending = "PodResizePending";

    public const string PodResizeInProgress = "PodResizeInProgress";
}
