using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.ProbeResults;

namespace Sharplet.KubeRuntime;

// Decides what a sync must do from the desired pod and what the runtime reports, as upstream's
// computePodActions does: a pure function (time, probe verdicts and backoff are read through interfaces).
internal static class PodActionsComputer
{
    public static PodActions Compute(Pod pod, RuntimePodStatus runtime, IProbeResults probes, RestartBackoff backoff)
    {
        var spec = pod.Spec!;
        var policy = spec.RestartPolicy ?? RestartPolicy.Always;
        var sandboxCheck = SandboxCheck.Of(spec, runtime);
        if (sandboxCheck.NeedsNew)
        {
            return ForNewSandbox(spec, policy, runtime, sandboxCheck);
        }

        var sandboxId = sandboxCheck.Sandbox!.Id;
        var kills = new List<ContainerToKill>();
        var starts = new List<ContainerToStart>();
        var waits = new List<ContainerBackoffWait>();
        var known = new HashSet<string>((spec.InitContainers ?? []).Concat(spec.Containers ?? []).Select(c => c.Name), StringComparer.Ordinal);
        foreach (var running in runtime.Running.Where(c => !known.Contains(c.Name)))
        {
            kills.Add(new ContainerToKill(running, null, $"Container {running.Name} is not in the pod's spec"));
        }

        var init = InitContainerPlan.Compute(pod, runtime, sandboxId, probes, backoff);
        kills.AddRange(init.Kills);
        starts.AddRange(init.Starts);
        waits.AddRange(init.Waits);
        if (init.Failed)
        {
            return new PodActions { KillPod = true, InitFailed = true, PodDone = true, SandboxId = sandboxId, Why = init.FailedWhy };
        }

        if (!init.Done)
        {
            return new PodActions { SandboxId = sandboxId, ContainersToStart = starts, ContainersToKill = kills, Backoffs = waits };
        }

        var keep = 0;
        foreach (var container in spec.Containers ?? [])
        {
            var current = runtime.Latest(container.Name);
            if (current is null || current.State != RuntimeContainerState.Running)
            {
                if (current is { State: RuntimeContainerState.Unknown })
                {
                    kills.Add(new ContainerToKill(current, container, $"Container {container.Name} is in an unknown state"));
                }

                if (!RestartDecision.ShouldRestart(current, policy, sidecar: false))
                {
                    continue;
                }

                if (current is { State: RuntimeContainerState.Exited } && backoff.HeldBack(pod, container, current) is { } wait)
                {
                    waits.Add(wait);
                    continue;
                }

                starts.Add(new ContainerToStart(container, false, current is null ? "not created" : $"{Describe(current)}, restart policy {policy}", current));
                continue;
            }

            var (why, specChanged, reason) = RunningNeedsRestart(container, current, probes);
            if (why is null)
            {
                keep++;
                continue;
            }

            // A changed spec restarts whatever the policy says: the container must become what is asked.
            var restart = specChanged || policy != RestartPolicy.Never;
            kills.Add(new ContainerToKill(current, container, restart ? $"{why}, will be restarted" : why, reason));
            if (restart)
            {
                starts.Add(new ContainerToStart(container, false, why, current));
            }
        }

        // No regular container runs or will run: the pod is done, and its sidecars must not keep it alive.
        if (keep == 0 && waits.Count == 0 && !starts.Any(s => !s.IsInit))
        {
            return new PodActions { KillPod = true, PodDone = true, SandboxId = sandboxId, Why = "all containers have exited and none will restart" };
        }

        return new PodActions { SandboxId = sandboxId, ContainersToStart = starts, ContainersToKill = kills, Backoffs = waits };
    }

    // Why a running container must be killed (and restarted if the policy allows), or null to keep it; the
    // words are upstream's Killing event messages.
    internal static (string? Why, bool SpecChanged, KillReason Reason) RunningNeedsRestart(Container container, RuntimeContainer current, IProbeResults probes)
    {
        if (current.Hash.Length > 0 && current.Hash != ContainerHash.Compute(container))
        {
            return ($"Container {container.Name} definition changed", true, KillReason.Other);
        }

        if (container.LivenessProbe is not null && probes.Liveness(current.Id) == ProbeResult.Failure)
        {
            return ($"Container {container.Name} failed liveness probe", false, KillReason.LivenessProbe);
        }

        if (container.StartupProbe is not null && probes.Startup(current.Id) == ProbeResult.Failure)
        {
            return ($"Container {container.Name} failed startup probe", false, KillReason.StartupProbe);
        }

        return (null, false, KillReason.Other);
    }

    private static PodActions ForNewSandbox(PodSpec spec, string policy, RuntimePodStatus runtime, SandboxCheck check)
    {
        // Under Never, a sandbox that died after its containers ran is not replaced: the pod is over.
        if (policy == RestartPolicy.Never && check.Attempt != 0 && runtime.Containers.Count > 0)
        {
            return new PodActions { KillPod = true, PodDone = true, Why = "sandbox is gone and the restart policy is Never" };
        }

        var starts = new List<ContainerToStart>();
        foreach (var container in spec.Containers ?? [])
        {
            var previous = runtime.Latest(container.Name);
            if (previous is { State: RuntimeContainerState.Exited } && !RestartDecision.ShouldRestart(previous, policy, sidecar: false))
            {
                continue;
            }

            starts.Add(new ContainerToStart(container, false, "new sandbox", previous));
        }

        // Nothing would run again: every regular container ran (so initialization happened once) and finished for
        // good. Upstream creates no sandbox then, and must not rerun the init containers either.
        if (starts.Count == 0)
        {
            return new PodActions { KillPod = true, PodDone = true, Why = "all containers have completed" };
        }

        if (spec.InitContainers is { Count: > 0 } inits)
        {
            starts = [new ContainerToStart(inits[0], true, "new sandbox: init containers run first", runtime.Latest(inits[0].Name))];
        }

        return new PodActions
        {
            KillPod = runtime.Sandboxes.Count > 0 || runtime.Containers.Count > 0,
            CreateSandbox = true,
            Attempt = check.Attempt,
            Why = check.Why,
            ContainersToStart = starts,
        };
    }

    private static string Describe(RuntimeContainer c) => c.State switch
    {
        RuntimeContainerState.Exited => $"exited with code {c.ExitCode}",
        RuntimeContainerState.Created => "created but not started",
        _ => "in an unknown state",
    };
}
