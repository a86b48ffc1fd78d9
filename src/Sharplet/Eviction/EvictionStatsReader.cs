using System.Globalization;
using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Images;
using Sharplet.Pods;
using Sharplet.Server.Stats;
using Sharplet.Util;
using Sharplet.Volumes;

namespace Sharplet.Eviction;

// Upstream's makeSignalObservations over the same summary /stats/summary serves: memory.available is capacity
// minus the root cgroup's working set, allocatableMemory.available the allocatable memory minus the kubepods
// working set, nodefs the root dir's filesystem and imagefs the runtime's (ImageFsInfo), each with its inodes
// from statvfs, and pid.available the kernel's PID limit less the tasks it counts. Pods' usage comes from the
// same summary plus the size of their emptyDir volumes.
internal sealed class EvictionStatsReader(StatsProvider summaries, IImageFs imageFs, PodDirectories dirs, NodeContext node, TimeProvider time) : IEvictionStats
{
    public async Task<EvictionStats?> ReadAsync(CancellationToken cancellationToken)
    {
        var summary = await summaries.CollectAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var observations = new Dictionary<string, SignalObservation>(StringComparer.Ordinal);
        if (summary.Node.Memory is { AvailableBytes: { } available } memory)
        {
            observations[EvictionSignals.MemoryAvailable] = new((long)available, (long)(available + memory.WorkingSetBytes), memory.Time);
        }

        if (summary.Node.SystemContainers.FirstOrDefault(c => c.Name == "pods")?.Memory is { } pods
            && node.Allocatable.TryGetValue(ResourceName.Memory, out var allocatable))
        {
            var capacity = allocatable.Value();
            observations[EvictionSignals.AllocatableMemoryAvailable] = new(Math.Max(0, capacity - (long)pods.WorkingSetBytes), capacity, pods.Time);
        }

        if (FsStat.Of(dirs.RootDir) is { } nodeFs)
        {
            Add(observations, EvictionSignals.NodeFsAvailable, EvictionSignals.NodeFsInodesFree, nodeFs, now);
        }

        var image = await imageFs.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (image is { } i)
        {
            Add(observations, EvictionSignals.ImageFsAvailable, EvictionSignals.ImageFsInodesFree, i.Figures, now);
        }

        if (Pids() is { } pids)
        {
            observations[EvictionSignals.PidAvailable] = new(pids.Available, pids.Capacity, now);
        }

        var usage = summary.Pods.ToDictionary(p => p.Uid, Usage, StringComparer.Ordinal);
        var dedicated = image is { } d && !string.Equals(MountPointOf(d.Mountpoint), MountPointOf(dirs.RootDir), StringComparison.Ordinal);
        return new EvictionStats(observations, usage, dedicated);
    }

    private PodUsage Usage(PodSample pod)
    {
        var emptyDirs = Path.Combine(dirs.VolumesDir(pod.Uid), "kubernetes.io~empty-dir");
        var volumes = Directory.Exists(emptyDirs)
            ? Directory.EnumerateDirectories(emptyDirs).ToDictionary(d => Path.GetFileName(d), d => (long)StatsProvider.DirectorySize(d), StringComparer.Ordinal)
            : [];
        return new PodUsage(
            pod.Memory is { } m ? (long)m.WorkingSetBytes : null,
            pod.Containers.Select(c => new ContainerUsage(c.Name, c.Memory is { } cm ? (long)cm.WorkingSetBytes : null,
                c.Rootfs is { } r ? (long)r.UsedBytes : null, c.Logs is { } l ? (long)l.UsedBytes : null)).ToList(),
            volumes.Values.Sum(),
            (long)(pod.ProcessCount ?? 0))
        {
            EmptyDirBytes = volumes,
        };
    }

    private static void Add(Dictionary<string, SignalObservation> observations, string bytesSignal, string inodesSignal, FsFigures fs, DateTimeOffset now)
    {
        observations[bytesSignal] = new(fs.AvailableBytes, fs.CapacityBytes, now);

        // Filesystems without inode accounting (btrfs, some overlays) report zero inodes: no figure then.
        if (fs.Inodes > 0)
        {
            observations[inodesSignal] = new(fs.InodesFree, fs.Inodes, now);
        }
    }

    // The mount a path lives on: the longest mount point that is a prefix of it.
    private static string? MountPointOf(string path)
    {
        try
        {
            return MountInfo.MountPointOf(Path.GetFullPath(path), ProcFile.Read("/proc/self/mountinfo"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    // pid_max (or threads-max, when lower) less the tasks the kernel counts (the fourth field of /proc/loadavg,
    // "running/total").
    private static (long Available, long Capacity)? Pids()
    {
        try
        {
            var max = Math.Min(ReadLong("/proc/sys/kernel/pid_max"), ReadLong("/proc/sys/kernel/threads-max"));
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var tasks = long.Parse(fields[3].Split('/')[1], NumberStyles.None, CultureInfo.InvariantCulture);
            return (max - tasks, max);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long ReadLong(string path) => long.Parse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
