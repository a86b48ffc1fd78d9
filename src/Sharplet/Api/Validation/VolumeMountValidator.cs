namespace Sharplet.Api.Validation;

/// <summary>A container's volumeMounts and volumeDevices (ValidateVolumeMounts, ValidateVolumeDevices).</summary>
internal static class VolumeMountValidator
{
    private static readonly string[] SupportedPropagations = [MountPropagationMode.Bidirectional, MountPropagationMode.HostToContainer, MountPropagationMode.None];

    private static readonly string[] SupportedRecursiveReadOnly = [RecursiveReadOnlyMode.Disabled, RecursiveReadOnlyMode.Enabled, RecursiveReadOnlyMode.IfPossible];

    /// <remarks>
    /// Upstream reports subPath, subPathExpr, mountPropagation and recursiveReadOnly errors at the
    /// list's path (<c>….volumeMounts.subPath</c>), not at the mount's index; kept for identical output.
    /// </remarks>
    public static void ValidateMounts(Container container, string path, PodValidationContext context)
    {
        var mounts = container.VolumeMounts ?? [];
        var devices = container.VolumeDevices ?? [];
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i];
            var mountPath = path.Index(i);
            if (string.IsNullOrEmpty(mount.Name))
            {
                context.Add(FieldError.Required(mountPath.Child("name")));
            }

            context.Volumes.TryGetValue(mount.Name, out var volume);
            if (volume is null)
            {
                context.Add(FieldError.NotFound(mountPath.Child("name"), mount.Name));
            }

            if (string.IsNullOrEmpty(mount.MountPath))
            {
                context.Add(FieldError.Required(mountPath.Child("mountPath")));
            }

            if (!mountPoints.Add(mount.MountPath))
            {
                context.Add(FieldError.Invalid(mountPath.Child("mountPath"), mount.MountPath, "must be unique"));
            }

            if (devices.Any(device => device.Name == mount.Name))
            {
                context.Add(FieldError.Invalid(mountPath.Child("name"), mount.Name, "must not already exist in volumeDevices"));
            }

            if (devices.Any(device => device.DevicePath == mount.MountPath))
            {
                context.Add(FieldError.Invalid(mountPath.Child("mountPath"), mount.MountPath, "must not already exist as a path in volumeDevices"));
            }

            if (volume?.Image is not null)
            {
                if (!string.IsNullOrEmpty(mount.SubPath))
                {
                    context.Add(FieldError.Invalid(mountPath.Child("subPath"), mount.SubPath, "not allowed in image volume sources"));
                }

                if (!string.IsNullOrEmpty(mount.SubPathExpr))
                {
                    context.Add(FieldError.Invalid(mountPath.Child("subPathExpr"), mount.SubPathExpr, "not allowed in image volume sources"));
                }
            }

            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                PathValidator.ValidateLocalDescendingPath(mount.SubPath, path.Child("subPath"), context);
            }

            if (!string.IsNullOrEmpty(mount.SubPathExpr))
            {
                if (!string.IsNullOrEmpty(mount.SubPath))
                {
                    context.Add(FieldError.Invalid(mountPath.Child("subPathExpr"), mount.SubPathExpr, "subPathExpr and subPath are mutually exclusive"));
                }

                PathValidator.ValidateLocalDescendingPath(mount.SubPathExpr, path.Child("subPathExpr"), context);
            }

            if (mount.MountPropagation is { } propagation)
            {
                ValidatePropagation(propagation, container, path.Child("mountPropagation"), context);
            }

            ValidateRecursiveReadOnly(mount, path.Child("recursiveReadOnly"), context);
        }
    }

    public static void ValidateDevices(Container container, string path, PodValidationContext context)
    {
        var devices = container.VolumeDevices ?? [];
        var mounts = container.VolumeMounts ?? [];
        var devicePaths = new HashSet<string>(StringComparer.Ordinal);
        var deviceNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var devicePath = path.Index(i);
            context.Volumes.TryGetValue(device.Name, out var volume);
            if (string.IsNullOrEmpty(device.Name))
            {
                context.Add(FieldError.Required(devicePath.Child("name")));
            }

            if (deviceNames.Contains(device.Name))
            {
                context.Add(FieldError.Invalid(devicePath.Child("name"), device.Name, "must be unique"));
            }

            if (volume is not null && volume.PersistentVolumeClaim is null && volume.Ephemeral is null)
            {
                context.Add(FieldError.Invalid(devicePath.Child("name"), device.Name,
                    "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
            }

            if (volume is null)
            {
                context.Add(FieldError.NotFound(devicePath.Child("name"), device.Name));
            }

            if (string.IsNullOrEmpty(device.DevicePath))
            {
                context.Add(FieldError.Required(devicePath.Child("devicePath")));
            }

            if (devicePaths.Contains(device.DevicePath))
            {
                context.Add(FieldError.Invalid(devicePath.Child("devicePath"), device.DevicePath, "must be unique"));
            }

            if (device.DevicePath.Length > 0 && device.DevicePath.Split('/').Contains(".."))
            {
                context.Add(FieldError.Invalid(devicePath.Child("devicePath"), device.DevicePath, "can not contain backsteps ('..')"));
            }
            else
            {
                devicePaths.Add(device.DevicePath);
            }

            if (mounts.Any(mount => mount.Name == device.Name))
            {
                context.Add(FieldError.Invalid(devicePath.Child("name"), device.Name, "must not already exist in volumeMounts"));
            }

            if (mounts.Any(mount => mount.MountPath == device.DevicePath))
            {
                context.Add(FieldError.Invalid(devicePath.Child("devicePath"), device.DevicePath, "must not already exist as a path in volumeMounts"));
            }

            if (device.Name.Length > 0)
            {
                deviceNames.Add(device.Name);
            }
        }
    }

    private static void ValidatePropagation(string propagation, Container container, string path, PodValidationContext context)
    {
        if (!SupportedPropagations.Contains(propagation, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path, propagation, SupportedPropagations));
        }

        if (propagation == MountPropagationMode.Bidirectional && container.SecurityContext?.Privileged != true)
        {
            context.Add(FieldError.Forbidden(path, "Bidirectional mount propagation is available only to privileged containers"));
        }
    }

    private static void ValidateRecursiveReadOnly(VolumeMount mount, string path, PodValidationContext context)
    {
        switch (mount.RecursiveReadOnly)
        {
            case null or RecursiveReadOnlyMode.Disabled:
                break;
            case RecursiveReadOnlyMode.Enabled or RecursiveReadOnlyMode.IfPossible:
                if (mount.ReadOnly != true)
                {
                    context.Add(FieldError.Forbidden(path, "may only be specified when readOnly is true"));
                }

                if (mount.MountPropagation is { } propagation && propagation != MountPropagationMode.None)
                {
                    context.Add(FieldError.Forbidden(path, "may only be specified when mountPropagation is None or not specified"));
                }

                break;
            default:
                context.Add(FieldError.NotSupported(path, mount.RecursiveReadOnly, SupportedRecursiveReadOnly));
                break;
        }
    }
}
