using Sharplet.Api;

namespace Sharplet.Eviction;

// Upstream's localStorageEviction (localStorageCapacityIsolation), checked every pass whatever the node-level
// thresholds: a pod is evicted, grace period zero, when a disk-backed emptyDir holds more than its sizeLimit,
// when the pod's ephemeral storage (writable layers, logs, emptyDirs) exceeds the sum of its containers'
// ephemeral-storage limits, or when one container's (logs, plus its writable layer unless the images have a
// filesystem of their own) exceeds its own limit. In that order, the first that holds; no figure, no eviction.
internal static class LocalStorageLimits
{
    // Upstream's signal labels of kubelet_evictions for these evictions.
    public const string EmptyDirSignal = "emptydirfs.limit";

    public const string PodSignal = "ephemeralpodfs.limit";

    public const string ContainerSignal = "ephemeralcontainerfs.limit";

    public static (string Signal, string Message)? Exceeded(Pod pod, PodUsage usage, bool dedicatedImageFs)
    {
        var spec = pod.Spec;
        if (spec is null)
        {
            return null;
        }

        foreach (var volume in spec.Volumes ?? [])
        {
            if (volume.EmptyDir is { SizeLimit: { Sign: > 0 } limit } emptyDir && emptyDir.Medium != "Memory"
                && usage.EmptyDirBytes.TryGetValue(volume.Name ?? string.Empty, out var used) && Quantity.FromInt64(used, QuantityFormat.BinarySI) > limit)
            {
                return (EmptyDirSignal, $"Usage of EmptyDir volume \"{volume.Name}\" exceeds the limit \"{limit}\". ");
            }
        }

        var podLimits = PodResourceTotals.Limits(spec, out _, out _);
        if (podLimits.TryGetValue(ResourceName.EphemeralStorage, out var podLimit)
            && Quantity.FromInt64(usage.DiskBytes(EvictionSignals.NodeFsAvailable, dedicatedImageFs: false), QuantityFormat.BinarySI) > podLimit)
        {
            return (PodSignal, $"Pod ephemeral local storage usage exceeds the total limit of containers {podLimit}. ");
        }

        foreach (var container in usage.Containers)
        {
            var declared = spec.Containers?.FirstOrDefault(c => c.Name == container.Name)?.Resources?.Limits;
            if (declared is null || !declared.TryGetValue(ResourceName.EphemeralStorage, out var limit) || limit.IsZero)
            {
                continue;
            }

            var used = (container.LogsBytes ?? 0) + (dedicatedImageFs ? 0 : container.RootfsBytes ?? 0);
            if (Quantity.FromInt64(used, QuantityFormat.BinarySI) > limit)
            {
                return (ContainerSignal, $"Container {container.Name} exceeded its local ephemeral storage limit \"{limit}\". ");
            }
        }

        return null;
    }
}
