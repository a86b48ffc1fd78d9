namespace Sharplet.Api.Validation;

/// <summary>upstream's ValidatePodSpec for a Pod (ResourceIsPod): the spec-wide fields and the dispatch to volumes and containers.</summary>
internal static class PodSpecValidator
{
    private static readonly string[] RestartPolicies = [RestartPolicy.Always, RestartPolicy.OnFailure, RestartPolicy.Never];

    private static readonly string[] DnsPolicies = [DNSPolicy.ClusterFirstWithHostNet, DNSPolicy.ClusterFirst, DNSPolicy.Default, DNSPolicy.None];

    private static readonly string[] PreemptionPolicies = ["PreemptLowerPriority", "Never"];

    private static readonly string[] OperatingSystems = [OSName.Linux, OSName.Windows];

    public static void Validate(PodSpec spec, ObjectMeta? podMeta, string path, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.TerminationGracePeriodSeconds is null)
        {
            context.Add(FieldError.Required(path.Child("terminationGracePeriodSeconds")));
        }

        context.GracePeriod = spec.TerminationGracePeriodSeconds;
        context.RestartPolicy = spec.RestartPolicy ?? string.Empty;
        context.HostUsers = spec.HostUsers ?? true;

        context.Volumes = VolumeValidator.ValidateVolumes(spec.Volumes, podMeta, path.Child("volumes"), context);
        context.ClaimNames = new HashSet<string>((spec.ResourceClaims ?? []).Select(claim => claim.Name).Where(name => name.Length > 0), StringComparer.Ordinal);
        ResourceValidator.ValidatePodClaims(spec.ResourceClaims, path.Child("resourceClaims"), context);
        ContainerValidator.ValidateContainers(spec.Containers, path.Child("containers"), context);
        ContainerValidator.ValidateInitContainers(spec.InitContainers, spec.Containers, path.Child("initContainers"), context);
        ContainerValidator.ValidateEphemeralContainers(spec, path.Child("ephemeralContainers"), context);

        ValidateHostNetworkPorts(spec, path, context);
        ValidateChoice(spec.RestartPolicy, RestartPolicies, path.Child("restartPolicy"), context);
        ValidateChoice(spec.DnsPolicy, DnsPolicies, path.Child("dnsPolicy"), context);
        MetadataValidator.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector"), context);
        SecurityContextValidator.ValidatePod(spec, path, context);
        PodSchedulingValidator.ValidateDnsConfig(spec.DnsConfig, spec.DnsPolicy, path.Child("dnsConfig"), context);
        PodSchedulingValidator.ValidateReadinessGates(spec.ReadinessGates, path.Child("readinessGates"), context);
        PodSchedulingValidator.ValidateSchedulingGates(spec.SchedulingGates, path.Child("schedulingGates"), context);
        ValidateHostUsers(spec, path, context);

        ValidateObjectName(spec.ServiceAccountName, path.Child("serviceAccountName"), context);
        ValidateObjectName(spec.NodeName, path.Child("nodeName"), context);
        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            context.Add(FieldError.Invalid(path.Child("activeDeadlineSeconds"), deadline, NameValidation.InclusiveRangeError(1, int.MaxValue)));
        }

        ValidateLabel(spec.Hostname, path.Child("hostname"), context);
        ValidateLabel(spec.Subdomain, path.Child("subdomain"), context);
        PodSchedulingValidator.ValidateTolerations(spec.Tolerations, path.Child("tolerations"), context);
        PodSchedulingValidator.ValidateHostAliases(spec.HostAliases, path.Child("hostAliases"), context);
        ValidateObjectName(spec.PriorityClassName, path.Child("priorityClassName"), context);
        if (spec.RuntimeClassName is { } runtimeClassName)
        {
            context.AddInvalid(path.Child("runtimeClassName"), runtimeClassName, NameValidation.NameIsDNSSubdomain(runtimeClassName, prefix: false));
        }

        if (spec.PreemptionPolicy is { } preemptionPolicy)
        {
            ValidateChoice(preemptionPolicy, PreemptionPolicies, path.Child("preemptionPolicy"), context);
        }

        if (spec.Overhead is { } overhead)
        {
            ResourceValidator.ValidateOverhead(overhead, path.Child("overhead"), context);
        }

        ValidateOs(spec, path, context);
    }

    // An enumerated field: empty is Required, anything else must be listed.
    private static void ValidateChoice(string? value, string[] supported, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(value))
        {
            context.Add(FieldError.Required(path));
        }
        else if (!supported.Contains(value, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path, value, supported));
        }
    }

    // With host networking a pod's ports are the host's: hostPort must equal containerPort.
    private static void ValidateHostNetworkPorts(PodSpec spec, string path, PodValidationContext context)
    {
        if (spec.HostNetwork != true)
        {
            return;
        }

        var containers = spec.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            var ports = containers[i].Ports ?? [];
            for (var p = 0; p < ports.Count; p++)
            {
                var hostPort = ports[p].HostPort ?? 0;
                if (hostPort != ports[p].Number)
                {
                    context.Add(FieldError.Invalid(path.Child("containers").Index(i).Child("ports").Index(p).Child("hostPort"), hostPort,
                        "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
    }

    // A user namespace cannot be combined with the host's network, PID or IPC namespaces.
    private static void ValidateHostUsers(PodSpec spec, string path, PodValidationContext context)
    {
        if (spec.HostUsers != false)
        {
            return;
        }

        // The capitalized HostPID and HostIPC are upstream's paths.
        if (spec.HostNetwork == true)
        {
            context.Add(FieldError.Forbidden(path.Child("hostNetwork"), "when `pod.Spec.HostUsers` is false"));
        }

        if (spec.HostPID == true)
        {
            context.Add(FieldError.Forbidden(path.Child("HostPID"), "when `pod.Spec.HostUsers` is false"));
        }

        if (spec.HostIPC == true)
        {
            context.Add(FieldError.Forbidden(path.Child("HostIPC"), "when `pod.Spec.HostUsers` is false"));
        }
    }

    private static void ValidateObjectName(string? name, string path, PodValidationContext context)
    {
        if (!string.IsNullOrEmpty(name))
        {
            context.AddInvalid(path, name, NameValidation.NameIsDNSSubdomain(name, prefix: false));
        }
    }

    private static void ValidateLabel(string? name, string path, PodValidationContext context)
    {
        if (!string.IsNullOrEmpty(name))
        {
            context.AddInvalid(path, name, NameValidation.IsDNS1123Label(name));
        }
    }

    // validateOS, and for Linux pods that no container asks for Windows options.
    private static void ValidateOs(PodSpec spec, string path, PodValidationContext context)
    {
        if (spec.OS is not { } os)
        {
            return;
        }

        if (os.Name.Length == 0)
        {
            context.Add(FieldError.Required(path.Child("os").Child("name"), "cannot be empty"));
            return;
        }

        if (!OperatingSystems.Contains(os.Name, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path.Child("os"), os.Name, OperatingSystems));
            return;
        }

        if (os.Name != OSName.Linux)
        {
            return;
        }

        const string Detail = "windows options cannot be set for a linux pod";
        if (spec.SecurityContext?.WindowsOptions is not null)
        {
            context.Add(FieldError.Forbidden(path.Child("securityContext").Child("windowsOptions"), Detail));
        }

        foreach (var (container, containerPath) in AllContainers(spec, path))
        {
            if (container.SecurityContext?.WindowsOptions is not null)
            {
                context.Add(FieldError.Forbidden(containerPath.Child("securityContext").Child("windowsOptions"), Detail));
            }
        }
    }

    private static IEnumerable<(Container Container, string Path)> AllContainers(PodSpec spec, string path)
    {
        var init = spec.InitContainers ?? [];
        for (var i = 0; i < init.Count; i++)
        {
            yield return (init[i], path.Child("initContainers").Index(i));
        }

        var containers = spec.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            yield return (containers[i], path.Child("containers").Index(i));
        }

        var ephemeral = spec.EphemeralContainers ?? [];
        for (var i = 0; i < ephemeral.Count; i++)
        {
            yield return (ephemeral[i].ToContainer(), path.Child("ephemeralContainers").Index(i));
        }
    }
}
