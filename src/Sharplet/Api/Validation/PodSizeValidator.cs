namespace Sharplet.Api.Validation;

/// <summary>
/// Sharplet's own bounds on a pod's collections where upstream validation has none (<see cref="InputLimits"/>):
/// a pod of 500 containers or a container of 100,000 env entries is refused with the field named, instead of
/// flooding the runtime with calls or the node with memory. Checked before the rest of validation, whose cost
/// grows with these collections.
/// </summary>
internal static class PodSizeValidator
{
    public static IReadOnlyList<FieldError> Validate(PodSpec? spec)
    {
        var errors = new List<FieldError>();
        if (spec is null)
        {
            return errors;
        }

        var containers = (spec.Containers?.Count ?? 0) + (spec.InitContainers?.Count ?? 0) + (spec.EphemeralContainers?.Count ?? 0);
        if (containers > InputLimits.MaxContainersPerPod)
        {
            var field = spec.Containers?.Count > InputLimits.MaxContainersPerPod ? "spec.containers" : "spec.containers, spec.initContainers and spec.ephemeralContainers";
            errors.Add(FieldError.TooMany(field, containers, InputLimits.MaxContainersPerPod));
        }

        if (spec.Volumes?.Count > InputLimits.MaxVolumesPerPod)
        {
            errors.Add(FieldError.TooMany("spec.volumes", spec.Volumes.Count, InputLimits.MaxVolumesPerPod));
        }

        Check(errors, "spec.initContainers", spec.InitContainers?.Select(c => (c.Env?.Count ?? 0, c.VolumeMounts?.Count ?? 0)));
        Check(errors, "spec.containers", spec.Containers?.Select(c => (c.Env?.Count ?? 0, c.VolumeMounts?.Count ?? 0)));
        Check(errors, "spec.ephemeralContainers", spec.EphemeralContainers?.Select(c => (c.Env?.Count ?? 0, c.VolumeMounts?.Count ?? 0)));
        return errors;
    }

    private static void Check(List<FieldError> errors, string path, IEnumerable<(int Env, int Mounts)>? containers)
    {
        var i = 0;
        foreach (var (env, mounts) in containers ?? [])
        {
            if (env > InputLimits.MaxEnvPerContainer)
            {
                errors.Add(FieldError.TooMany(path.Index(i).Child("env"), env, InputLimits.MaxEnvPerContainer));
            }

            if (mounts > InputLimits.MaxVolumesPerPod)
            {
                errors.Add(FieldError.TooMany(path.Index(i).Child("volumeMounts"), mounts, InputLimits.MaxVolumesPerPod));
            }

            i++;
        }
    }
}
