using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.KubeContainer;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// From the pod's and container's security contexts to the CRI's, as upstream's
// determineEffectiveSecurityContext does: container fields win over pod fields.
internal static class SecurityContextMapper
{
    // Upstream's defaults for unprivileged containers (securitycontext.DefaultProcMount): the runtime is told
    // them explicitly, because an empty list would mean "mask nothing".
    private static readonly string[] MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public static LinuxContainerSecurityContext Build(PodSpec spec, Container container)
    {
        var pod = spec.SecurityContext;
        var own = container.SecurityContext;
        var privileged = own?.Privileged == true;
        var result = new LinuxContainerSecurityContext
        {
            Privileged = privileged,
            NamespaceOptions = SandboxConfigBuilder.Namespaces(spec),
            ReadonlyRootfs = own?.ReadOnlyRootFilesystem == true,
            NoNewPrivs = own?.AllowPrivilegeEscalation == false,
            Seccomp = Seccomp(own, pod),
        };

        if ((own?.RunAsUser ?? pod?.RunAsUser) is { } user)
        {
            result.RunAsUser = new Int64Value { Value = user };
        }

        if ((own?.RunAsGroup ?? pod?.RunAsGroup) is { } group)
        {
            result.RunAsGroup = new Int64Value { Value = group };
        }

        result.SupplementalGroups.AddRange(pod?.SupplementalGroups ?? []);
        if (pod?.FsGroup is { } fsGroup)
        {
            result.SupplementalGroups.Add(fsGroup);
        }

        if (own?.Capabilities is { } caps)
        {
            result.Capabilities = new Capability();
            result.Capabilities.AddCapabilities.AddRange(caps.Add ?? []);
            result.Capabilities.DropCapabilities.AddRange(caps.Drop ?? []);
        }

        if (!privileged && own?.ProcMount != "Unmasked")
        {
            result.MaskedPaths.AddRange(MaskedPaths);
            result.ReadonlyPaths.AddRange(ReadonlyPaths);
        }

        return result;
    }

    // No profile means Unconfined, as upstream without the SeccompDefault feature.
    public static SecurityProfile Seccomp(SecurityContext? container, PodSecurityContext? pod)
    {
        var profile = container?.SeccompProfile ?? pod?.SeccompProfile;
        return profile?.Type switch
        {
            "RuntimeDefault" => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
            "Localhost" => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.Localhost, LocalhostRef = profile.LocalhostProfile ?? string.Empty },
            _ => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.Unconfined },
        };
    }

    // The user a container runs as is checked against runAsNonRoot before creation (upstream verifyRunAsNonRoot),
    // as far as the spec tells it; an image's own USER is not inspected. The message is upstream's, naming the pod
    // as name_namespace(uid).
    public static string? RunAsNonRootViolation(Pod pod, Container container)
    {
        var spec = pod.Spec!;
        var nonRoot = container.SecurityContext?.RunAsNonRoot ?? spec.SecurityContext?.RunAsNonRoot;
        var user = container.SecurityContext?.RunAsUser ?? spec.SecurityContext?.RunAsUser;
        return nonRoot == true && user == 0
            ? $"container's runAsUser breaks non-root policy (pod: \"{PodFormat.Describe(pod)}\", container: {container.Name})"
            : null;
    }
}
