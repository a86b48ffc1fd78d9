using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.ProbeResults;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;
using ContainerState = Sharplet.Api.ContainerState;

namespace Sharplet.Statuses;

// One container's API status from the runtime's records (upstream convertToAPIContainerStatuses): the newest
// container gives state, restart count and IDs, the one before it lastState; a container that is waiting to
// restart shows the reason the last start attempt left (CrashLoopBackOff, ErrImagePull...).
internal static class ContainerStatusBuilder
{
    public static ApiContainerStatus Build(PodStatusInput input, Container spec, bool isInit)
    {
        var uid = input.Pod.Metadata!.Uid!;
        var (current, previous) = input.Runtime.LatestTwo(spec.Name);
        var status = new ApiContainerStatus { Name = spec.Name, Image = spec.Image ?? string.Empty, Started = false };
        var cached = input.Reasons.Get(uid, spec.Name);
        if (current is null)
        {
            // Upstream's default waiting state: PodInitializing for every container of a pod with init containers.
            var reason = input.Pod.Spec!.InitContainers is { Count: > 0 } ? StartReasons.PodInitializing : StartReasons.ContainerCreating;
            status.State = Waiting(cached?.Reason ?? reason, cached?.Message);
            return status;
        }

        status.ContainerID = current.QualifiedId(input.RuntimeName);
        status.ImageID = current.ImageRef;
        status.RestartCount = current.RestartCount;
        switch (current.State)
        {
            case RuntimeContainerState.Running:
                status.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = current.StartedAt } };
                status.LastState = previous is null ? null : Terminated(input, previous);
                var started = spec.StartupProbe is null || input.Probes.Startup(current.Id) == ProbeResult.Success;
                status.Started = started;

                // A regular init container is ready only once it has succeeded (upstream's prober), never while running.
                var regularInit = isInit && spec.RestartPolicy != ContainerRestartPolicy.Always;
                status.Ready = !regularInit && started && (spec.ReadinessProbe is null || input.Probes.Readiness(current.Id) == ProbeResult.Success);
                break;
            case RuntimeContainerState.Exited:
            case RuntimeContainerState.Unknown:
                var terminated = Terminated(input, current);
                if (cached is { } waiting && !input.Terminal && WillRestart(input.Pod, spec, isInit, current))
                {
                    // It is going to be started again (or tried): that attempt's reason is the state.
                    status.State = Waiting(waiting.Reason, waiting.Message);
                    status.LastState = terminated;
                }
                else
                {
                    status.State = terminated;
                    status.LastState = previous is null ? null : Terminated(input, previous);
                }

                // A regular init container that finished its job counts as ready (upstream since 1.29).
                status.Ready = isInit && current.ExitCode == 0 && spec.RestartPolicy != ContainerRestartPolicy.Always && status.State.Terminated is not null;
                break;
            default:
                status.State = Waiting(cached?.Reason ?? StartReasons.ContainerCreating, cached?.Message);
                status.LastState = previous is null ? null : Terminated(input, previous);
                break;
        }

        return status;
    }

    // Upstream shows the last start attempt's reason only for a container that is going to be started again
    // (ShouldContainerBeRestarted); one that will not stays terminated, so a pod that failed does not show a
    // container waiting for nothing.
    private static bool WillRestart(Pod pod, Container spec, bool isInit, RuntimeContainer current)
    {
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return false;
        }

        var sidecar = isInit && spec.RestartPolicy == ContainerRestartPolicy.Always;
        return RestartDecision.ShouldRestart(current, pod.Spec?.RestartPolicy ?? RestartPolicy.Always, sidecar);
    }

    private static ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new ContainerStateWaiting { Reason = reason, Message = string.IsNullOrEmpty(message) ? null : message } };

    private static ContainerState Terminated(PodStatusInput input, RuntimeContainer container)
    {
        if (container.State == RuntimeContainerState.Unknown)
        {
            // Upstream reports a container whose state the runtime lost as terminated with 137.
            return new ContainerState
            {
                Terminated = new ContainerStateTerminated
                {
                    ExitCode = 137,
                    Reason = "ContainerStatusUnknown",
                    Message = "The container could not be located when the pod was terminated",
                    ContainerID = container.QualifiedId(input.RuntimeName),
                },
            };
        }

        var reason = string.IsNullOrEmpty(container.Reason) ? (container.ExitCode == 0 ? "Completed" : "Error") : container.Reason;
        var message = input.TerminationMessage(container);
        return new ContainerState
        {
            Terminated = new ContainerStateTerminated
            {
                ExitCode = container.ExitCode,
                Reason = reason,
                Message = string.IsNullOrEmpty(message) ? null : message,
                StartedAt = container.StartedAt,
                FinishedAt = container.FinishedAt,
                ContainerID = container.QualifiedId(input.RuntimeName),
            },
        };
    }
}
