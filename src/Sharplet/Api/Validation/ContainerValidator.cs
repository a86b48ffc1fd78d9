namespace Sharplet.Api.Validation;

/// <summary>
/// Regular, init and ephemeral containers (validateContainers, validateInitContainers,
/// validateEphemeralContainers and validateContainerCommon).
/// </summary>
internal static class ContainerValidator
{
    private const string InitOnlyDetail = "may not be set for init containers without restartPolicy=Always";
    private const string EphemeralDetail = "cannot be set for an Ephemeral Container";

    private static readonly string[] TerminationMessagePolicies = [TerminationMessagePolicy.File, TerminationMessagePolicy.FallbackToLogsOnError];

    public static void ValidateContainers(List<Container>? containers, string path, PodValidationContext context)
    {
        if (containers is not { Count: > 0 })
        {
            context.Add(FieldError.Required(path));
            return;
        }

        // Collisions with init and ephemeral names are reported on those, not here.
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var containerPath = path.Index(i);
            ValidateCommon(container, containerPath, context);
            if (!names.Add(container.Name))
            {
                context.Add(FieldError.Duplicate(containerPath.Child("name"), container.Name));
            }

            ValidateLifecycleAndProbes(container, containerPath, context);
            if (container.RestartPolicy is not null)
            {
                context.Add(FieldError.Forbidden(containerPath.Child("restartPolicy"), "may not be set for non-init containers"));
            }
        }

        // App containers run together, so no two may claim the same host port.
        PortValidator.CheckHostPortConflicts(containers, path, context);
    }

    public static void ValidateInitContainers(List<Container>? initContainers, List<Container>? containers, string path, PodValidationContext context)
    {
        var names = new HashSet<string>((containers ?? []).Select(container => container.Name), StringComparer.Ordinal);
        for (var i = 0; i < (initContainers?.Count ?? 0); i++)
        {
            var container = initContainers![i];
            var containerPath = path.Index(i);
            ValidateCommon(container, containerPath, context);

            // Only "Always" is allowed: it makes the init container a sidecar.
            var sidecar = false;
            if (container.RestartPolicy is { } restartPolicy)
            {
                if (restartPolicy != ContainerRestartPolicy.Always)
                {
                    context.Add(FieldError.NotSupported(containerPath.Child("restartPolicy"), restartPolicy, [ContainerRestartPolicy.Always]));
                }

                sidecar = restartPolicy == ContainerRestartPolicy.Always;
            }

            if (names.Contains(container.Name))
            {
                context.Add(FieldError.Duplicate(containerPath.Child("name"), container.Name));
            }
            else if (container.Name.Length > 0)
            {
                names.Add(container.Name);
            }

            // Init containers run one at a time, so host ports are only checked within each; upstream
            // numbers that one-container list from 0, so the path always reads initContainers[0].
            PortValidator.CheckHostPortConflicts([container], path, context);

            if (sidecar)
            {
                ValidateLifecycleAndProbes(container, containerPath, context);
            }
            else
            {
                ForbidIfSet(container.Lifecycle, containerPath.Child("lifecycle"), InitOnlyDetail, context);
                ForbidIfSet(container.LivenessProbe, containerPath.Child("livenessProbe"), InitOnlyDetail, context);
                ForbidIfSet(container.ReadinessProbe, containerPath.Child("readinessProbe"), InitOnlyDetail, context);
                ForbidIfSet(container.StartupProbe, containerPath.Child("startupProbe"), InitOnlyDetail, context);
            }
        }
    }

    public static void ValidateEphemeralContainers(PodSpec spec, string path, PodValidationContext context)
    {
        var ephemeralContainers = spec.EphemeralContainers ?? [];
        var otherNames = new HashSet<string>((spec.Containers ?? []).Concat(spec.InitContainers ?? []).Select(container => container.Name), StringComparer.Ordinal);
        var allNames = new HashSet<string>(otherNames, StringComparer.Ordinal);
        for (var i = 0; i < ephemeralContainers.Count; i++)
        {
            var ephemeral = ephemeralContainers[i];
            var containerPath = path.Index(i);
            var container = ephemeral.ToContainer();
            ValidateCommon(container, containerPath, context);
            ValidateImageWhitespace(container, containerPath, context);

            // Names must be unique across all container types.
            if (!allNames.Add(ephemeral.Name))
            {
                context.Add(FieldError.Duplicate(containerPath.Child("name"), ephemeral.Name));
            }

            if (!string.IsNullOrEmpty(ephemeral.TargetContainerName) && !otherNames.Contains(ephemeral.TargetContainerName))
            {
                context.Add(FieldError.NotFound(containerPath.Child("targetContainerName"), ephemeral.TargetContainerName));
            }

            // Debugging containers must not become part of the workload: no ports, resources, probes or hooks.
            ForbidIfSet(ephemeral.Ports, containerPath.Child("ports"), EphemeralDetail, context);
            ForbidIfSet(IsSet(ephemeral.Resources) ? ephemeral.Resources : null, containerPath.Child("resources"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.ResizePolicy, containerPath.Child("resizePolicy"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.RestartPolicy, containerPath.Child("restartPolicy"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.RestartPolicyRules, containerPath.Child("restartPolicyRules"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.LivenessProbe, containerPath.Child("livenessProbe"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.ReadinessProbe, containerPath.Child("readinessProbe"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.StartupProbe, containerPath.Child("startupProbe"), EphemeralDetail, context);
            ForbidIfSet(ephemeral.Lifecycle, containerPath.Child("lifecycle"), EphemeralDetail, context);

            // Subpaths are bind mounts that outlive the container, so they are refused outright.
            var mounts = ephemeral.VolumeMounts ?? [];
            for (var m = 0; m < mounts.Count; m++)
            {
                ForbidIfSet(string.IsNullOrEmpty(mounts[m].SubPath) ? null : mounts[m].SubPath,
                    containerPath.Child("volumeMounts").Index(m).Child("subPath"), EphemeralDetail, context);
                ForbidIfSet(string.IsNullOrEmpty(mounts[m].SubPathExpr) ? null : mounts[m].SubPathExpr,
                    containerPath.Child("volumeMounts").Index(m).Child("subPathExpr"), EphemeralDetail, context);
            }
        }
    }

    /// <summary>validateContainerOnlyForPod: a pod's images must not carry leading or trailing whitespace.</summary>
    public static void ValidateImageWhitespace(Container container, string path, PodValidationContext context)
    {
        var image = container.Image ?? string.Empty;
        if (image.Length != image.Trim().Length)
        {
            context.Add(FieldError.Invalid(path.Child("image"), image, "must not have leading or trailing whitespace"));
        }
    }

    private static void ValidateCommon(Container container, string path, PodValidationContext context)
    {
        if (container.Name.Length == 0)
        {
            context.Add(FieldError.Required(path.Child("name")));
        }
        else
        {
            context.AddInvalid(path.Child("name"), container.Name, NameValidation.IsDNS1123Label(container.Name));
        }

        if (string.IsNullOrEmpty(container.Image))
        {
            context.Add(FieldError.Required(path.Child("image")));
        }

        switch (container.TerminationMessagePolicy)
        {
            case TerminationMessagePolicy.File or TerminationMessagePolicy.FallbackToLogsOnError:
                break;
            case null or "":
                context.Add(FieldError.Required(path.Child("terminationMessagePolicy")));
                break;
            default:
                context.Add(FieldError.NotSupported(path.Child("terminationMessagePolicy"), container.TerminationMessagePolicy, TerminationMessagePolicies));
                break;
        }

        PortValidator.ValidateContainerPorts(container.Ports, path.Child("ports"), context);
        EnvValidator.ValidateEnv(container.Env, path.Child("env"), context);
        EnvValidator.ValidateEnvFrom(container.EnvFrom, path.Child("envFrom"), context);
        VolumeMountValidator.ValidateMounts(container, path.Child("volumeMounts"), context);
        VolumeMountValidator.ValidateDevices(container, path.Child("volumeDevices"), context);
        VolumeValidator.ValidatePullPolicy(container.ImagePullPolicy, path.Child("imagePullPolicy"), context);
        ResourceValidator.ValidateContainerResources(container.Resources, path.Child("resources"), context);
        ResourceValidator.ValidateResizePolicy(container.ResizePolicy, path.Child("resizePolicy"), context);
        SecurityContextValidator.ValidateContainer(container.SecurityContext, path.Child("securityContext"), context);
    }

    // Allowed on app containers and sidecars; forbidden on other init and ephemeral containers.
    private static void ValidateLifecycleAndProbes(Container container, string path, PodValidationContext context)
    {
        if (container.Lifecycle is { } lifecycle)
        {
            ProbeValidator.ValidateLifecycle(lifecycle, path.Child("lifecycle"), context);
        }

        ProbeValidator.ValidateLiveness(container.LivenessProbe, path.Child("livenessProbe"), context);
        ProbeValidator.ValidateReadiness(container.ReadinessProbe, path.Child("readinessProbe"), context);
        ProbeValidator.ValidateStartup(container.StartupProbe, path.Child("startupProbe"), context);
    }

    private static void ForbidIfSet(object? value, string path, string detail, PodValidationContext context)
    {
        if (value is not null && value is not System.Collections.ICollection { Count: 0 })
        {
            context.Add(FieldError.Forbidden(path, detail));
        }
    }

    private static bool IsSet(ResourceRequirements? resources) =>
        resources is not null && (resources.Limits is { Count: > 0 } || resources.Requests is { Count: > 0 } || resources.Claims is { Count: > 0 });
}
