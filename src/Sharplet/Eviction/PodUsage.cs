namespace Sharplet.Eviction;

// What a pod uses, as the eviction ranking reads it (upstream's pod stats from the summary): memory working set,
// each container's writable layer and logs, its local (emptyDir) volumes and its process count.
internal sealed record PodUsage(long? MemoryWorkingSet, IReadOnlyList<ContainerUsage> Containers, long LocalVolumeBytes, long Processes)
{
    // Each disk-backed emptyDir's usage by volume name (their sum is in LocalVolumeBytes): sizeLimit eviction.
    public IReadOnlyDictionary<string, long> EmptyDirBytes { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    // Upstream podDiskUsage over the filesystems that matter for the signal: with a dedicated image filesystem,
    // nodefs holds logs and volumes and imagefs the writable layers; on one filesystem everything counts.
    public long DiskBytes(string signal, bool dedicatedImageFs)
    {
        var rootfs = Containers.Sum(c => c.RootfsBytes ?? 0);
        var logs = Containers.Sum(c => c.LogsBytes ?? 0);
        if (!dedicatedImageFs)
        {
            return rootfs + logs + LocalVolumeBytes;
        }

        return signal is EvictionSignals.ImageFsAvailable or EvictionSignals.ImageFsInodesFree ? rootfs : logs + LocalVolumeBytes;
    }
}
