using Sharplet.Cm;
using Sharplet.Cri;
using Sharplet.KubeContainer;
using Sharplet.Volumes;

namespace Sharplet.Hosting;

// `sharplet cleanup`: removes what a stopped Sharplet leaves on the machine, for an uninstall (scripts/local-node
// down runs it): the pods of its root dir are stopped and removed in the runtime (the sandboxes whose
// io.kubernetes.pod.uid has a directory under <root-dir>/pods), their cgroups, the mounts under the root dir
// (emptyDir tmpfs), their log directories under the pod logs dir, and then the root dir itself. Pods of other
// kubelets on the same runtime are not touched. Run twice, the second run finds nothing and does nothing.
internal sealed class NodeCleanup(string rootDir, string podLogsDir, string cgroupRoot, IRuntimeService? runtime, Action<string> report)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!Directory.Exists(rootDir))
        {
            report($"nothing to clean: {rootDir} does not exist");
            return problems;
        }

        // Refuses while an agent runs on this root dir: it would make again what is removed here.
        using (RootDirLock.Acquire(rootDir))
        {
            var dirs = new PodDirectories(rootDir);
            var uids = dirs.ExistingPodUids().ToHashSet(StringComparer.Ordinal);
            if (runtime is not null)
            {
                await StopPodsAsync(uids, problems, cancellationToken).ConfigureAwait(false);
            }

            RemoveCgroups(uids, problems);
            RemovePodLogs(uids, problems);
            Unmount(problems);
        }

        // Never delete through a mount that is still there: it could be a host directory.
        if (problems.Count == 0)
        {
            try
            {
                Directory.Delete(rootDir, recursive: true);
                report($"removed {rootDir}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"remove {rootDir}: {ex.Message}");
            }
        }

        return problems;
    }

    private async Task StopPodsAsync(HashSet<string> uids, List<string> problems, CancellationToken cancellationToken)
    {
        foreach (var sandbox in await runtime!.ListPodSandboxAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (!sandbox.Labels.TryGetValue(KubeLabels.PodUid, out var uid) || !uids.Contains(uid))
            {
                continue;
            }

            var pod = $"{sandbox.Metadata?.Namespace}/{sandbox.Metadata?.Name} ({uid})";
            try
            {
                // Stopping the sandbox kills its containers and tears down its network (CNI DEL); removing it
                // removes the containers too.
                await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
                await runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
                report($"stopped and removed pod {pod}");
            }
            catch (global::Grpc.Core.RpcException ex)
            {
                problems.Add($"pod {pod}: {ex.Status.Detail}");
            }
        }
    }

    // The pod cgroups (kubepods[/burstable|/besteffort]/pod<uid>); the QoS tiers are shared with any other
    // Sharplet under the same cgroup root and stay.
    private void RemoveCgroups(HashSet<string> uids, List<string> problems)
    {
        if (uids.Count == 0)
        {
            return;
        }

        var cgroups = new CgroupManager(CgroupHierarchy.Detect());
        var kubepods = cgroupRoot.TrimEnd('/') + "/kubepods";
        foreach (var uid in uids)
        {
            foreach (var tier in new[] { kubepods, kubepods + "/burstable", kubepods + "/besteffort" })
            {
                problems.AddRange(cgroups.Destroy($"{tier}/pod{uid}"));
            }
        }
    }

    // Upstream's layout: <pod-logs-dir>/<namespace>_<name>_<uid>/.
    private void RemovePodLogs(HashSet<string> uids, List<string> problems)
    {
        if (!Directory.Exists(podLogsDir))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(podLogsDir))
        {
            var name = Path.GetFileName(dir);
            var cut = name.LastIndexOf('_');
            if (cut < 0 || !uids.Contains(name[(cut + 1)..]))
            {
                continue;
            }

            try
            {
                Directory.Delete(dir, recursive: true);
                report($"removed {dir}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"remove {dir}: {ex.Message}");
            }
        }
    }

    // Deepest first, lazily (as the volume manager's teardown).
    private void Unmount(List<string> problems)
    {
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDir)) + "/";
        foreach (var mount in MountInfo.ReadAll().Where(m => m.MountPoint.StartsWith(prefix, StringComparison.Ordinal)).OrderByDescending(m => m.MountPoint.Length))
        {
            try
            {
                LinuxMounts.Unmount(mount.MountPoint);
                report($"unmounted {mount.MountPoint}");
            }
            catch (IOException ex)
            {
                problems.Add(ex.Message);
            }
        }
    }
}
