using Sharplet.Api;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Statuses;

// The pod phase from its container statuses (upstream getPhase, sidecar-aware): pending while regular init
// containers are unfinished or any container waits for its first run; running while something runs (a sidecar
// too) or restarts; succeeded or failed once every regular container has stopped for good. Sidecars that are
// not running do not count, and one that has not started yet holds the pod pending only until the pod has been
// initialized (a regular container was created in the current sandbox).
internal static class PodPhaseCalculator
{
    public static string Compute(
        PodSpec spec, IReadOnlyList<ApiContainerStatus> init, IReadOnlyList<ApiContainerStatus> regular, bool terminal, bool initialized)
    {
        var policy = spec.RestartPolicy ?? RestartPolicy.Always;
        int pendingSidecars = 0, pendingInit = 0, failedInit = 0;
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var container in spec.InitContainers ?? [])
        {
            var status = init.FirstOrDefault(s => s.Name == container.Name);
            var state = status?.State;
            if (container.RestartPolicy == ContainerRestartPolicy.Always)
            {
                if (state?.Running is not null)
                {
                    running++;
                    pendingSidecars += status!.Started == true ? 0 : 1;
                }
                else if (state?.Terminated is null && status?.LastState?.Terminated is null)
                {
                    // Waiting for its first run (a sidecar that ran before and is restarting does not count).
                    pendingSidecars++;
                    waiting++;
                }

                continue;
            }

            if (state?.Running is not null)
            {
                pendingInit++;
            }
            else if (state?.Terminated is { } terminated)
            {
                failedInit += terminated.ExitCode != 0 ? 1 : 0;
            }
            else if (status?.LastState?.Terminated is { } last)
            {
                failedInit += last.ExitCode != 0 ? 1 : 0;
            }
            else
            {
                pendingInit++;
            }
        }

        foreach (var container in spec.Containers ?? [])
        {
            var status = regular.FirstOrDefault(s => s.Name == container.Name);
            if (status?.State?.Running is not null)
            {
                running++;
            }
            else if (status?.State?.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (status?.LastState?.Terminated is not null)
            {
                stopped++;
            }
            else
            {
                waiting++;
            }
        }

        if (failedInit > 0 && policy == RestartPolicy.Never)
        {
            return PodPhase.Failed;
        }

        if (pendingInit > 0 || (pendingSidecars > 0 && !initialized) || waiting > 0)
        {
            return PodPhase.Pending;
        }

        if (running > 0)
        {
            return PodPhase.Running;
        }

        if (stopped > 0)
        {
            if (terminal)
            {
                return stopped == succeeded ? PodPhase.Succeeded : PodPhase.Failed;
            }

            if (policy == RestartPolicy.Always)
            {
                return PodPhase.Running;
            }

            if (stopped == succeeded)
            {
                return PodPhase.Succeeded;
            }

            return policy == RestartPolicy.Never ? PodPhase.Failed : PodPhase.Running;
        }

        return PodPhase.Pending;
    }
}
