using Sharplet.Api;

namespace Sharplet.KubeContainer;

// Whether the pod needs a new sandbox (upstream podSandboxChanged): none yet, the latest is not ready, more
// than one is ready, the network mode changed, or a pod-network sandbox has no IP.
internal sealed record SandboxCheck(bool NeedsNew, uint Attempt, RuntimeSandbox? Sandbox, string? Why)
{
    public static SandboxCheck Of(PodSpec spec, RuntimePodStatus runtime)
    {
        var latest = runtime.LatestSandbox;
        if (latest is null)
        {
            return new SandboxCheck(true, 0, null, "no sandbox yet");
        }

        var next = latest.Attempt + 1;
        if (runtime.Sandboxes.Count(s => s.Ready) > 1)
        {
            return new SandboxCheck(true, next, latest, "more than one ready sandbox");
        }

        if (!latest.Ready)
        {
            return new SandboxCheck(true, next, latest, "pod sandbox is not ready");
        }

        var hostNetwork = spec.HostNetwork == true;
        if (latest.HostNetwork != hostNetwork)
        {
            return new SandboxCheck(true, next, latest, "pod sandbox network namespace changed");
        }

        if (!hostNetwork && string.IsNullOrEmpty(latest.Ip))
        {
            return new SandboxCheck(true, next, latest, "pod sandbox has no IP address");
        }

        return new SandboxCheck(false, latest.Attempt, latest, null);
    }
}
