using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.ProbeResults;

namespace Sharplet.KubeRuntime;

// The init container part of a sync (upstream computeInitContainerActions, with sidecars): regular init
// containers run one at a time to success; a sidecar (restartPolicy Always) starts in its turn, must have
// started (startup probe passed) before the next one runs, and is restarted whenever it exits.
internal sealed record InitContainerPlan(
    bool Done,
    bool Failed,
    string? FailedWhy,
    IReadOnlyList<ContainerToStart> Starts,
    IReadOnlyList<ContainerToKill> Kills,
    IReadOnlyList<ContainerBackoffWait> Waits)
{
    public static InitContainerPlan Compute(Pod pod, RuntimePodStatus runtime, string sandboxId, IProbeResults probes, RestartBackoff backoff)
    {
        var spec = pod.Spec!;
        var policy = spec.RestartPolicy ?? RestartPolicy.Always;
        var starts = new List<ContainerToStart>();
        var kills = new List<ContainerToKill>();
        var waits = new List<ContainerBackoffWait>();

        // Once a regular container has run in this sandbox, the regular init containers finished at some point,
        // even if their records were collected since.
        var appStarted = (spec.Containers ?? []).Any(c => runtime.Containers.Any(r => r.Name == c.Name && r.SandboxId == sandboxId));

        foreach (var container in spec.InitContainers ?? [])
        {
            // Only this sandbox's containers count: a new sandbox runs its init containers again.
            var current = runtime.Containers.FirstOrDefault(c => c.Name == container.Name && c.SandboxId == sandboxId);
            var sidecar = container.RestartPolicy == ContainerRestartPolicy.Always;
            if (!sidecar)
            {
                if (appStarted || current is { State: RuntimeContainerState.Exited, ExitCode: 0 })
                {
                    continue;
                }

                if (current is { State: RuntimeContainerState.Running })
                {
                    return Pending();
                }

                // Upstream counts an init container the runtime lost track of (unknown state) as failed too.
                if (current is { State: RuntimeContainerState.Exited or RuntimeContainerState.Unknown } && policy == RestartPolicy.Never)
                {
                    var why = current.State == RuntimeContainerState.Exited
                        ? $"init container {container.Name} failed with exit code {current.ExitCode}"
                        : $"init container {container.Name} is in an unknown state";
                    return new InitContainerPlan(false, true, why, [], [], []);
                }

                // It may still run: kill it before starting another, so two never run at once.
                if (current is { State: RuntimeContainerState.Unknown })
                {
                    kills.Add(new ContainerToKill(current, container, $"Container {container.Name} is in an unknown state"));
                }

                Start(container, current, "init container");
                return Pending();
            }

            if (current is { State: RuntimeContainerState.Running })
            {
                var (why, _, reason) = PodActionsComputer.RunningNeedsRestart(container, current, probes);
                if (why is not null)
                {
                    kills.Add(new ContainerToKill(current, container, $"{why}, will be restarted", reason));
                    starts.Add(new ContainerToStart(container, true, why, current));
                    if (!appStarted)
                    {
                        return Pending();
                    }

                    continue;
                }

                // The next init container waits until this sidecar has started.
                if (!appStarted && container.StartupProbe is not null && probes.Startup(current.Id) != ProbeResult.Success)
                {
                    return Pending();
                }

                continue;
            }

            if (current is { State: RuntimeContainerState.Unknown })
            {
                kills.Add(new ContainerToKill(current, container, $"Container {container.Name} is in an unknown state"));
            }

            Start(container, current, "sidecar container");
            if (!appStarted)
            {
                return Pending();
            }
        }

        return new InitContainerPlan(true, false, null, starts, kills, waits);

        InitContainerPlan Pending() => new(false, false, null, starts, kills, waits);

        void Start(Container container, RuntimeContainer? current, string what)
        {
            // Restart counts continue across sandboxes, so the previous record is the latest of any sandbox.
            var previous = current ?? runtime.Latest(container.Name);
            if (current is { State: RuntimeContainerState.Exited } && backoff.HeldBack(pod, container, current) is { } wait)
            {
                waits.Add(wait);
                return;
            }

            var reason = current switch
            {
                null => $"{what} not started yet",
                { State: RuntimeContainerState.Exited } => $"{what} exited with code {current.ExitCode}",
                { State: RuntimeContainerState.Created } => $"{what} created but not started",
                _ => $"{what} in an unknown state",
            };
            starts.Add(new ContainerToStart(container, true, reason, previous));
        }
    }
}
