using Sharplet.Api;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Statuses;

// The human-readable transitions between two statuses of a pod: one line per phase or container change.
internal static class StatusTransitions
{
    public static IEnumerable<string> Describe(PodStatus? before, PodStatus after)
    {
        if (before?.Phase != after.Phase)
        {
            yield return $"phase {before?.Phase ?? "(new)"} -> {after.Phase}";
        }

        foreach (var (kind, list, oldList) in new[]
        {
            ("init container", after.InitContainerStatuses, before?.InitContainerStatuses),
            ("container", after.ContainerStatuses, before?.ContainerStatuses),
        })
        {
            foreach (var now in list ?? [])
            {
                var then = oldList?.FirstOrDefault(s => s.Name == now.Name);
                var was = State(then);
                var @is = State(now);
                if (was != @is || then?.RestartCount != now.RestartCount && then is not null)
                {
                    var restarts = now.RestartCount > 0 ? $" (restarts {now.RestartCount})" : string.Empty;
                    yield return $"{kind} {now.Name}: {was} -> {@is}{restarts}";
                }
                else if (then is not null && then.Ready != now.Ready)
                {
                    yield return $"{kind} {now.Name}: {(now.Ready ? "ready" : "not ready")}";
                }
            }
        }
    }

    internal static string State(ApiContainerStatus? status)
    {
        var state = status?.State;
        if (state?.Running is not null)
        {
            return "Running";
        }

        if (state?.Terminated is { } t)
        {
            return $"Terminated({t.Reason}, exit {t.ExitCode})";
        }

        if (state?.Waiting is { } w)
        {
            return $"Waiting({w.Reason})";
        }

        return "(none)";
    }
}
