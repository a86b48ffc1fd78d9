namespace Sharplet.Events;

// The kubelet's event reasons (pkg/kubelet/events), which operators grep for.
internal static class EventReasons
{
    public const string Pulling = "Pulling";
    public const string Pulled = "Pulled";
    public const string Failed = "Failed";
    public const string BackOff = "BackOff";
    public const string InspectFailed = "InspectFailed";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string FailedToRetrieveImagePullSecret = "FailedToRetrieveImagePullSecret";
    public const string Created = "Created";
    public const string Started = "Started";
    public const string Killing = "Killing";
    public const string Unhealthy = "Unhealthy";
    public const string FailedMount = "FailedMount";
    public const string FailedCreatePodSandBox = "FailedCreatePodSandBox";
    public const string FailedCreatePodContainer = "FailedCreatePodContainer";
    public const string SandboxChanged = "SandboxChanged";
    public const string FailedPostStartHook = "FailedPostStartHook";
    public const string FailedPreStopHook = "FailedPreStopHook";
    public const string ExceededGracePeriod = "ExceededGracePeriod";
    public const string ProbeWarning = "ProbeWarning";
}
