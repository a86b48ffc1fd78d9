namespace Sharplet.Api.Validation;

/// <summary>
/// Validates a pod as upstream's apiserver does (ValidatePodCreate's checks minus what only applies
/// on create, see <see cref="ValidateCreate"/>), limited to what a kubelet acts on plus the obvious
/// fields. Expects a defaulted pod (<see cref="Defaulting.PodDefaults.Apply"/>): like upstream,
/// fields that defaulting always fills are reported as Required when missing.
/// </summary>
internal static class PodValidator
{
    /// <summary>All errors found, in upstream's order; empty when the pod is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var context = new PodValidationContext([]);
        var meta = pod.Metadata ?? new ObjectMeta();
        var spec = pod.Spec ?? new PodSpec();

        MetadataValidator.ValidateObjectMeta(meta, "metadata", context);
        MetadataValidator.ValidatePodAnnotations(meta.Annotations, spec, "metadata".Child("annotations"), context);
        PodSpecValidator.Validate(spec, meta, "spec", context);

        // Checks upstream applies to pods but not to pod templates.
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            var volumes = spec.Volumes ?? [];
            for (var v = 0; v < volumes.Count; v++)
            {
                var sources = volumes[v].Projected?.Sources ?? [];
                for (var s = 0; s < sources.Count; s++)
                {
                    if (sources[s].ServiceAccountToken is not null)
                    {
                        var path = "spec".Child("volumes").Index(v).Child("projected").Child("sources").Index(s).Child("serviceAccountToken");
                        context.Add(FieldError.Forbidden(path, "must not be specified when serviceAccountName is not set"));
                    }
                }
            }
        }

        ValidateImages(spec.Containers, "spec".Child("containers"), context);
        ValidateImages(spec.InitContainers, "spec".Child("initContainers"), context);
        return context.Errors;
    }

    /// <summary>
    /// <see cref="Validate"/> plus the checks upstream only makes when a pod is created, as the
    /// kubelet applies them to static pods: no ephemeral containers yet, and no node binding while
    /// scheduling gates remain.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateCreate(Pod pod)
    {
        var errors = new List<FieldError>(Validate(pod));
        var spec = pod.Spec ?? new PodSpec();
        if (spec.EphemeralContainers is { Count: > 0 })
        {
            errors.Add(FieldError.Forbidden("spec".Child("ephemeralContainers"), "cannot be set on create"));
        }

        if (!string.IsNullOrEmpty(spec.NodeName) && spec.SchedulingGates is { Count: > 0 })
        {
            errors.Add(FieldError.Forbidden("spec".Child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
        }

        return errors;
    }

    private static void ValidateImages(List<Container>? containers, string path, PodValidationContext context)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            ContainerValidator.ValidateImageWhitespace(containers![i], path.Index(i), context);
        }
    }
}
