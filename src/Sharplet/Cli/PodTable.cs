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
            var statuses = pod.Status?.ContainerStatuses ?? [];
            var total = pod.Spec?.Containers?.Count ?? 0;
            var ready = statuses.Count(s => s.Ready);
            var restarts = statuses.Sum(s => s.RestartCount) + (pod.Status?.InitContainerStatuses ?? []).Sum(s => s.RestartCount);
            var row = new List<string>
            {
                pod.Metadata?.Namespace ?? string.Empty,
                pod.Metadata?.Name ?? string.Empty,
                $"{ready}/{total}",
                Status(pod),
                restarts.ToString(CultureInfo.InvariantCulture),
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

    internal static string Status(Pod pod)
    {
        var reason = string.IsNullOrEmpty(pod.Status?.Reason) ? pod.Status?.Phase ?? "Unknown" : pod.Status.Reason;
        var inits = pod.Status?.InitContainerStatuses ?? [];
        var initializing = false;
        for (var i = 0; i < inits.Count; i++)
        {
            var state = inits[i].State;
            if (state?.Terminated is { ExitCode: 0 } || (state?.Running is not null && inits[i].Started == true && IsSidecar(pod, inits[i].Name)))
            {
                continue;
            }

            initializing = true;
            reason = state?.Terminated is { } t
                ? "Init:" + (string.IsNullOrEmpty(t.Reason) ? $"ExitCode:{t.ExitCode}" : t.Reason)
                : state?.Waiting is { Reason: { Length: > 0 } w } && w != "PodInitializing"
                    ? "Init:" + w
                    : $"Init:{i}/{inits.Count}";
            break;
        }

        if (!initializing)
        {
            var hasRunning = false;
            foreach (var status in Enumerable.Reverse(pod.Status?.ContainerStatuses ?? []))
            {
                if (status.State?.Waiting is { Reason: { Length: > 0 } waiting })
                {
                    reason = waiting;
                }
                else if (status.State?.Terminated is { } t)
                {
                    reason = string.IsNullOrEmpty(t.Reason) ? $"ExitCode:{t.ExitCode}" : t.Reason;
                }
                else if (status.Ready && status.State?.Running is not null)
                {
                    hasRunning = true;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = "Running";
            }
        }

        return pod.Metadata?.DeletionTimestamp is not null ? "Terminating" : reason;
    }

    internal static string Age(DateTimeOffset? since, DateTimeOffset now)
    {
        if (since is not { } start)
        {
            return "<unknown>";
        }

        var age = now - start;
        return age.TotalSeconds < 120 ? $"{(int)Math.Max(0, age.TotalSeconds)}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    private static bool IsSidecar(Pod pod, string name) =>
        pod.Spec?.InitContainers?.Any(c => c.Name == name && c.RestartPolicy == ContainerRestartPolicy.Always) == true;
}
