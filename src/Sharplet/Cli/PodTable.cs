using System.Globalization;
using System.Text;
using Sharplet.Api;

namespace Sharplet.Cli;

// Pods as a table, with kubectl's READY and STATUS rules (printPod): the reason of the most telling container
// (CrashLoopBackOff, ErrImagePull, Init:1/2, Completed...) rather than only the phase.
internal static class PodTable
{
    public static string Render(IReadOnlyList<Pod> pods, bool wide, DateTimeOffset now)
    {
        var header = wide
            ? new[] { "NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "QOS", "UID" }
            : new[] { "NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP" };
        var rows = new List<string[]> { header };
        foreach (var pod in pods)
        {
            var summary = Summarize(pod);
            var restarts = summary.Restarts.ToString(CultureInfo.InvariantCulture);
            if (summary.Restarts != 0 && summary.LastRestart is { } last)
            {
                restarts += $" ({Age(last, now)} ago)";
            }

            var row = new List<string>
            {
                pod.Metadata?.Namespace ?? string.Empty,
                pod.Metadata?.Name ?? string.Empty,
                $"{summary.Ready}/{summary.Total}",
                summary.Status,
                restarts,
                Age(pod.Metadata?.CreationTimestamp ?? pod.Status?.StartTime, now),
                pod.Status?.PodIP ?? "<none>",
            };
            if (wide)
            {
                row.AddRange([pod.Spec?.NodeName ?? "<none>", pod.Status?.QosClass ?? string.Empty, pod.Metadata?.Uid ?? string.Empty]);
            }

            rows.Add([.. row]);
        }

        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("   ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        return sb.ToString();
    }

    internal static string Status(Pod pod) => Summarize(pod).Status;

    // kubectl's printPod: READY counts ready regular containers and started, ready sidecars (sidecars count in the
    // total); STATUS is the reason of the most telling container; RESTARTS counts the init containers while the pod
    // initializes, the sidecars and regular containers after, with the time of the last restart.
    internal static (int Ready, int Total, string Status, int Restarts, DateTimeOffset? LastRestart) Summarize(Pod pod)
    {
        var status = pod.Status;
        var reason = string.IsNullOrEmpty(status?.Reason) ? status?.Phase ?? "Unknown" : status.Reason;
        var total = (pod.Spec?.Containers?.Count ?? 0) + (pod.Spec?.InitContainers ?? []).Count(c => c.RestartPolicy == ContainerRestartPolicy.Always);
        int ready = 0, restarts = 0, sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null, lastSidecarRestart = null;
        var inits = status?.InitContainerStatuses ?? [];
        var initializing = false;
        for (var i = 0; i < inits.Count; i++)
        {
            var container = inits[i];
            var sidecar = IsSidecar(pod, container.Name);
            restarts += container.RestartCount;
            lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
            if (sidecar)
            {
                sidecarRestarts += container.RestartCount;
                lastSidecarRestart = Later(lastSidecarRestart, container.LastState?.Terminated?.FinishedAt);
            }

            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 })
            {
                continue;
            }

            if (sidecar && container.Started == true)
            {
                ready += container.Ready ? 1 : 0;
                continue;
            }

            initializing = true;
            reason = state?.Terminated is { } t
                ? "Init:" + (string.IsNullOrEmpty(t.Reason) ? $"ExitCode:{t.ExitCode}" : t.Reason)
                : state?.Waiting is { Reason: { Length: > 0 } w } && w != "PodInitializing"
                    ? "Init:" + w
                    : $"Init:{i}/{pod.Spec?.InitContainers?.Count ?? inits.Count}";
            break;
        }

        var initialized = status?.Conditions?.Any(c => c.Type == PodConditionType.Initialized && c.Status == ConditionStatus.True) == true;
        if (!initializing || initialized)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            foreach (var container in Enumerable.Reverse(status?.ContainerStatuses ?? []))
            {
                restarts += container.RestartCount;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
                if (container.State?.Waiting is { Reason: { Length: > 0 } waiting })
                {
                    reason = waiting;
                }
                else if (container.State?.Terminated is { } t)
                {
                    reason = string.IsNullOrEmpty(t.Reason) ? $"ExitCode:{t.ExitCode}" : t.Reason;
                }
                else if (container.Ready && container.State?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                var podReady = status?.Conditions?.Any(c => c.Type == PodConditionType.Ready && c.Status == ConditionStatus.True) == true;
                reason = podReady ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata?.DeletionTimestamp is not null && status?.Reason == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (pod.Metadata?.DeletionTimestamp is not null && status?.Phase is not (PodPhase.Succeeded or PodPhase.Failed))
        {
            reason = "Terminating";
        }

        return (ready, total, reason, restarts, lastRestart);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    // kubectl's HumanDuration: about two significant figures, "<invalid>" for a time well in the future.
    internal static string Age(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } start)
        {
            return "<unknown>";
        }

        var age = now - start;
        var seconds = (long)age.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }

        return $"{hours / 24 / 365}y";
    }

    private static bool IsSidecar(Pod pod, string name) =>
        pod.Spec?.InitContainers?.Any(c => c.Name == name && c.RestartPolicy == ContainerRestartPolicy.Always) == true;
}
