using Sharplet.Api;

namespace Sharplet.KubeContainer;

// Whether a container that is not running is to be started (again) under the pod's restart policy (upstream
// kubecontainer.ShouldContainerBeRestarted): the sync decisions and the status's waiting reasons must agree.
// A sidecar (restartable init container) restarts whatever the pod's policy says.
internal static class RestartDecision
{
    public static bool ShouldRestart(RuntimeContainer? current, string policy, bool sidecar)
    {
        if (current is null)
        {
            return true;
        }

        return current.State switch
        {
            RuntimeContainerState.Running => false,
            RuntimeContainerState.Created or RuntimeContainerState.Unknown => true,
            _ when sidecar => true,
            _ => policy switch
            {
                RestartPolicy.Never => false,
                RestartPolicy.OnFailure => current.ExitCode != 0,
                _ => true,
            },
        };
    }
}
