namespace Sharplet.KubeContainer;

// Upstream's container waiting reasons for failed starts (kuberuntime and images packages).
internal static class StartReasons
{
    public const string CrashLoopBackOff = "CrashLoopBackOff";
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string CreateContainerError = "CreateContainerError";
    public const string RunContainerError = "RunContainerError";
    public const string PostStartHookError = "PostStartHookError";
    public const string ContainerCreating = "ContainerCreating";
    public const string PodInitializing = "PodInitializing";
}
