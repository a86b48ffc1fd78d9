namespace Sharplet.Pods;

// Upstream's kubelettypes.IsCriticalPod: static and mirror pods, and pods at or above SystemCriticalPriority.
// Such pods are admitted under pressure and never evicted.
internal static class CriticalPods
{
    public const int SystemCriticalPriority = 2_000_000_000;

    public static bool IsCritical(Api.Pod pod) =>
        ConfigAnnotations.IsStatic(pod)
        || pod.Metadata?.Annotations?.ContainsKey(ConfigAnnotations.Mirror) == true
        || pod.Spec?.Priority >= SystemCriticalPriority;
}
