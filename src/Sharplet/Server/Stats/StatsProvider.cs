using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Enumeration;
using Sharplet.Cm;
using Sharplet.Cri;
using Sharplet.Statuses;

namespace Sharplet.Server.Stats;

// The figures behind /stats/summary and /metrics/resource. Containers from CRI ListContainerStats (containerd
// 1.6 fills CPU, memory and the writable layer there); pods from their cgroups (containerd 1.6 does not
// implement ListPodSandboxStats), with the network of the pod's namespace from a member process; the node from
// the root cgroup, its root-dir disk and the runtime's image filesystem. CPU rates come from the previous
// scrape's sample (the first scrape has none, as upstream's CRI stats provider).
internal sealed class StatsProvider(
    StatsNodeInfo node, StatusManager statuses, IRuntimeService runtime, IImageService images, QosContainerManager qos, PodContainerManager podCgroups, CgroupReader cgroups, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ulong Usage, DateTimeOffset At)> lastCpu = new(StringComparer.Ordinal);

    public async Task<Summary> CollectAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var scrapeError = false;
        IReadOnlyList<Cri.V1.ContainerStats> containerStats = [];
        try
        {
            containerStats = await runtime.ListContainerStatsAsync(null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scrapeError = true;
        }

        var byId = containerStats.Where(c => c.Attributes is not null).ToDictionary(c => c.Attributes.Id, StringComparer.Ordinal);
        var pods = new List<PodSample>();
        foreach (var entry in statuses.All())
        {
            var meta = entry.Pod.Metadata;
            if (meta?.Uid is not { } uid || entry.Status.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            pods.Add(Pod(entry, uid, byId, now));
        }

        var rootCpu = Cpu("node", cgroups.CpuUsageNanoseconds("/"), now);
        var rootMemory = Memory(cgroups.Memory("/"), now, node.MemoryCapacity);
        var podsCgroup = new ContainerSample("pods", node.StartTime, Cpu("pods", cgroups.CpuUsageNanoseconds(qos.Kubepods), now), Memory(cgroups.Memory(qos.Kubepods), now, node.MemoryCapacity), null, null);
        var nodeSample = new NodeSample(node.NodeName, node.StartTime, rootCpu, rootMemory, NetDev.Read("/proc/1/net/dev"), Disk(node.RootDir, now, null),
            await ImageFsAsync(now, cancellationToken).ConfigureAwait(false), [podsCgroup]);
        return new Summary(nodeSample, pods.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(), scrapeError);
    }

    private PodSample Pod(PodStatusEntry entry, string uid, Dictionary<string, Cri.V1.ContainerStats> byId, DateTimeOffset now)
    {
        var meta = entry.Pod.Metadata!;
        var containers = new List<ContainerSample>();
        ulong ephemeral = 0;
        foreach (var cs in (entry.Status.ContainerStatuses ?? []).Where(c => c.State?.Running is not null && c.ContainerID is not null))
        {
            var qualified = cs.ContainerID!;
            var id = qualified[(qualified.IndexOf("://", StringComparison.Ordinal) + 3)..];
            byId.TryGetValue(id, out var stats);
            var cpu = stats?.Cpu?.UsageCoreNanoSeconds is { } u ? Cpu(id, u.Value, now, stats.Cpu.UsageNanoCores?.Value) : null;
            var memory = stats?.Memory?.WorkingSetBytes is { } ws
                ? new MemorySample(now, stats.Memory.UsageBytes?.Value ?? ws.Value, ws.Value, stats.Memory.RssBytes?.Value ?? 0,
                    stats.Memory.PageFaults?.Value ?? 0, stats.Memory.MajorPageFaults?.Value ?? 0,
                    // containerd reports 0 for a container without a memory limit: nothing is known then.
                    stats.Memory.AvailableBytes?.Value is > 0 ? stats.Memory.AvailableBytes.Value : null)
                : null;
            var rootfs = stats?.WritableLayer?.UsedBytes is { } used ? new FsSample(now, null, null, used.Value) : null;
            var logs = DirectorySize(Path.Combine(node.PodLogsDir, $"{meta.Namespace}_{meta.Name}_{uid}", cs.Name));
            ephemeral += (rootfs?.UsedBytes ?? 0) + logs;
            containers.Add(new ContainerSample(cs.Name, cs.State!.Running!.StartedAt ?? now, cpu, memory, rootfs, new FsSample(now, null, null, logs)));
        }

        var cgroup = podCgroups.NameOf(entry.Status.QosClass ?? "BestEffort", uid);
        var podCpu = Cpu("pod/" + uid, cgroups.CpuUsageNanoseconds(cgroup), now);
        var podMemory = Memory(cgroups.Memory(cgroup), now, null);
        var (processCount, firstPid) = cgroups.Processes(cgroup);
        var network = firstPid is { } pid ? NetDev.Read($"/proc/{pid}/net/dev") : [];
        return new PodSample(meta.Name ?? string.Empty, meta.Namespace ?? string.Empty, uid, entry.Status.StartTime ?? now, containers,
            podCpu ?? Sum(containers.Select(c => c.Cpu), now), podMemory, network, new FsSample(now, null, null, ephemeral), (ulong)processCount);
    }

    private static CpuSample? Sum(IEnumerable<CpuSample?> samples, DateTimeOffset now)
    {
        var list = samples.Where(s => s is not null).Select(s => s!).ToList();
        return list.Count == 0 ? null : new CpuSample(now, (ulong)list.Sum(s => (decimal)s.UsageCoreNanoSeconds), list.All(s => s.UsageNanoCores is not null) ? (ulong)list.Sum(s => (decimal)s.UsageNanoCores!.Value) : null);
    }

    private CpuSample? Cpu(string key, ulong? usage, DateTimeOffset now, ulong? reported = null)
    {
        if (usage is not { } u)
        {
            return null;
        }

        ulong? rate = reported;
        if (rate is null && lastCpu.TryGetValue(key, out var last) && now > last.At && u >= last.Usage)
        {
            rate = (ulong)((u - last.Usage) / (now - last.At).TotalSeconds);
        }

        lastCpu[key] = (u, now);
        return new CpuSample(now, u, rate);
    }

    private static MemorySample? Memory((ulong Usage, ulong WorkingSet, ulong Rss, ulong PageFaults, ulong MajorPageFaults)? m, DateTimeOffset now, ulong? capacity) =>
        m is { } v
            ? new MemorySample(now, v.Usage, v.WorkingSet, v.Rss, v.PageFaults, v.MajorPageFaults, capacity is { } c ? (c > v.WorkingSet ? c - v.WorkingSet : 0) : null)
            : null;

    private async Task<FsSample?> ImageFsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var info = await images.ImageFsInfoAsync(cancellationToken).ConfigureAwait(false);
            var fs = info.ImageFilesystems.FirstOrDefault();
            return fs is null ? null : Disk(fs.FsId?.Mountpoint ?? node.RootDir, now, fs.UsedBytes?.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private static FsSample? Disk(string path, DateTimeOffset now, ulong? used)
    {
        try
        {
            var drive = new DriveInfo(path);
            return new FsSample(now, (ulong)drive.TotalSize, (ulong)drive.AvailableFreeSpace, used ?? (ulong)(drive.TotalSize - drive.TotalFreeSpace));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    // As Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories): every file below, hidden and system ones too.
    private static readonly EnumerationOptions AllFiles = new() { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };

    // Bytes in every file below the directory; 0 when it is missing or unreadable.
    internal static ulong DirectorySize(string dir)
    {
        try
        {
            if (!Directory.Exists(dir))
            {
                return 0;
            }

            // The entries' lengths straight from the enumeration: no path string or FileInfo per file.
            ulong total = 0;
            foreach (var length in new FileSystemEnumerable<long>(dir, static (ref entry) => entry.Length, AllFiles) { ShouldIncludePredicate = static (ref entry) => !entry.IsDirectory })
            {
                total += (ulong)length;
            }

            return total;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static DateTimeOffset BootTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line[6..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.UnixEpoch;
        }
        catch (IOException)
        {
            return DateTimeOffset.UnixEpoch;
        }
    }
}
