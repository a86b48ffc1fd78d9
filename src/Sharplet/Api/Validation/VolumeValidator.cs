using System.Text.Json;
using Sharplet.Util;

namespace Sharplet.Api.Validation;

/// <summary>spec.volumes (ValidateVolumes, validateVolumeSource and the checks of the sources the kubelet mounts).</summary>
internal static class VolumeValidator
{
    /// <summary>HostPathType values, sorted as upstream lists them.</summary>
    public static readonly string[] SupportedHostPathTypes =
    [
        HostPathType.Unset, HostPathType.BlockDevice, HostPathType.CharDevice, HostPathType.Directory,
        HostPathType.DirectoryOrCreate, HostPathType.File, HostPathType.FileOrCreate, HostPathType.Socket,
    ];

    private static readonly string[] SupportedMedia = [StorageMedium.Default, StorageMedium.HugePages, StorageMedium.HugePagesPrefix + "<size>", StorageMedium.Memory];

    private static readonly string[] SupportedPullPolicies = [PullPolicy.Always, PullPolicy.IfNotPresent, PullPolicy.Never];

    /// <summary>Validates the volumes and returns the valid ones by name (only those can be mounted).</summary>
    public static Dictionary<string, Volume> ValidateVolumes(List<Volume>? volumes, ObjectMeta? podMeta, string path, PodValidationContext context)
    {
        var valid = new Dictionary<string, Volume>(StringComparer.Ordinal);
        var podName = podMeta?.Name;
        var createdClaims = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(podName))
        {
            foreach (var volume in (volumes ?? []).Where(volume => volume.Ephemeral is not null))
            {
                createdClaims.Add(podName + "-" + volume.Name);
            }
        }

        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            var volume = volumes![i];
            var volumePath = path.Index(i);
            var errors = new PodValidationContext([]) { GracePeriod = context.GracePeriod };
            ValidateSource(volume, volumePath, podName, errors);
            if (string.IsNullOrEmpty(volume.Name))
            {
                errors.Add(FieldError.Required(volumePath.Child("name")));
            }
            else
            {
                errors.AddInvalid(volumePath.Child("name"), volume.Name, NameValidation.IsDNS1123Label(volume.Name));
            }

            if (valid.ContainsKey(volume.Name))
            {
                errors.Add(FieldError.Duplicate(volumePath.Child("name"), volume.Name));
            }

            if (errors.Errors.Count == 0)
            {
                valid[volume.Name] = volume;
            }
            else
            {
                context.Errors.AddRange(errors.Errors);
            }

            if (volume.PersistentVolumeClaim is { } claim && createdClaims.Contains(claim.ClaimName))
            {
                context.Add(FieldError.Invalid(volumePath.Child("persistentVolumeClaim").Child("claimName"), claim.ClaimName,
                    "must not reference a PVC that gets created for an ephemeral volume"));
            }
        }

        return valid;
    }

    public static void ValidatePullPolicy(string? policy, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(policy))
        {
            context.Add(FieldError.Required(path));
        }
        else if (!SupportedPullPolicies.Contains(policy, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path, policy, SupportedPullPolicies));
        }
    }

    // Exactly one source, counted in upstream's field order; the sources the kubelet does not mount
    // itself (legacy in-tree drivers, kept as raw JSON) are only counted.
    private static void ValidateSource(Volume volume, string path, string? podName, PodValidationContext context)
    {
        var count = 0;
        bool Take(bool present, string name)
        {
            if (!present)
            {
                return false;
            }

            if (count > 0)
            {
                context.Add(FieldError.Forbidden(path.Child(name), "may not specify more than 1 volume type"));
                return false;
            }

            count++;
            return true;
        }

        if (Take(volume.EmptyDir is not null, "emptyDir"))
        {
            ValidateEmptyDir(volume.EmptyDir!, path.Child("emptyDir"), context);
        }

        if (Take(volume.HostPath is not null, "hostPath"))
        {
            ValidateHostPath(volume.HostPath!, path.Child("hostPath"), context);
        }

        Take(IsSet(volume.GitRepo), "gitRepo");
        Take(IsSet(volume.GcePersistentDisk), "gcePersistentDisk");
        Take(IsSet(volume.AwsElasticBlockStore), "awsElasticBlockStore");
        if (Take(volume.Secret is not null, "secret"))
        {
            ProjectionValidator.ValidateSecret(volume.Secret!, path.Child("secret"), context);
        }

        Take(IsSet(volume.Nfs), "nfs");
        Take(IsSet(volume.Iscsi), "iscsi");
        Take(IsSet(volume.Glusterfs), "glusterfs");
        Take(IsSet(volume.Flocker), "flocker");
        if (Take(volume.PersistentVolumeClaim is not null, "persistentVolumeClaim") && string.IsNullOrEmpty(volume.PersistentVolumeClaim!.ClaimName))
        {
            context.Add(FieldError.Required(path.Child("persistentVolumeClaim").Child("claimName")));
        }

        Take(IsSet(volume.Rbd), "rbd");
        Take(IsSet(volume.Cinder), "cinder");
        Take(IsSet(volume.Cephfs), "cephFS");
        Take(IsSet(volume.Quobyte), "quobyte");

        // "downwarAPI" is upstream's spelling in this one message.
        if (Take(volume.DownwardAPI is not null, "downwarAPI"))
        {
            ProjectionValidator.ValidateDownwardApi(volume.DownwardAPI!, path.Child("downwardAPI"), context);
        }

        Take(IsSet(volume.Fc), "fc");
        Take(IsSet(volume.FlexVolume), "flexVolume");
        if (Take(volume.ConfigMap is not null, "configMap"))
        {
            ProjectionValidator.ValidateConfigMap(volume.ConfigMap!, path.Child("configMap"), context);
        }

        Take(IsSet(volume.AzureFile), "azureFile");
        Take(IsSet(volume.VsphereVolume), "vsphereVolume");
        Take(IsSet(volume.PhotonPersistentDisk), "photonPersistentDisk");
        Take(IsSet(volume.PortworxVolume), "portworxVolume");
        Take(IsSet(volume.AzureDisk), "azureDisk");
        Take(IsSet(volume.Storageos), "storageos");
        if (Take(volume.Projected is not null, "projected"))
        {
            ProjectionValidator.ValidateProjected(volume.Projected!, path.Child("projected"), context);
        }

        Take(IsSet(volume.ScaleIO), "scaleIO");
        if (Take(volume.Csi is not null, "csi"))
        {
            ValidateCsi(volume.Csi!, path.Child("csi"), context);
        }

        if (Take(volume.Ephemeral is not null, "ephemeral"))
        {
            ValidateEphemeral(volume, path, podName, context);
        }

        if (Take(volume.Image is not null, "image"))
        {
            if (string.IsNullOrEmpty(volume.Image!.Reference))
            {
                context.Add(FieldError.Required(path.Child("image").Child("reference")));
            }

            ValidatePullPolicy(volume.Image.PullPolicy, path.Child("image").Child("pullPolicy"), context);
        }

        if (count == 0)
        {
            context.Add(FieldError.Required(path, "must specify a volume type"));
        }
    }

    private static bool IsSet(JsonElement? element) => element is { ValueKind: not JsonValueKind.Null };

    private static void ValidateEmptyDir(EmptyDirVolumeSource emptyDir, string path, PodValidationContext context)
    {
        if (emptyDir.SizeLimit is { Sign: < 0 })
        {
            context.Add(FieldError.Forbidden(path.Child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
        }

        // Not in upstream's API validation, but the kubelet's emptyDir plugin refuses any other
        // medium when it mounts; refusing it here gives the operator the reason up front.
        var medium = emptyDir.Medium ?? string.Empty;
        var valid = medium is StorageMedium.Default or StorageMedium.Memory or StorageMedium.HugePages ||
            (medium.StartsWith(StorageMedium.HugePagesPrefix, StringComparison.Ordinal) &&
             Quantity.TryParse(medium[StorageMedium.HugePagesPrefix.Length..], out var pageSize) && pageSize.Sign > 0);
        if (!valid)
        {
            context.Add(FieldError.NotSupported(path.Child("medium"), medium, SupportedMedia));
        }
    }

    private static void ValidateHostPath(HostPathVolumeSource hostPath, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(hostPath.Path))
        {
            context.Add(FieldError.Required(path.Child("path")));
            return;
        }

        PathValidator.ValidateNoBacksteps(hostPath.Path, path.Child("path"), context);
        if (hostPath.Type is { } type && !SupportedHostPathTypes.Contains(type, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path.Child("type"), type, SupportedHostPathTypes));
        }
    }

    private static void ValidateCsi(CSIVolumeSource csi, string path, PodValidationContext context)
    {
        var driverPath = path.Child("driver");
        if (string.IsNullOrEmpty(csi.Driver))
        {
            context.Add(FieldError.Required(driverPath));
        }

        if (csi.Driver.Length > 63)
        {
            context.Add(FieldError.TooLong(driverPath, 63));
        }

        context.AddInvalid(driverPath, csi.Driver, NameValidation.IsDNS1123Subdomain(csi.Driver.ToLowerInvariant()));
        if (csi.NodePublishSecretRef is { } secretRef)
        {
            if (string.IsNullOrEmpty(secretRef.Name))
            {
                context.Add(FieldError.Required(path.Child("nodePublishSecretRef").Child("name")));
            }
            else
            {
                context.AddInvalid(path.Child("name"), secretRef.Name, NameValidation.NameIsDNSSubdomain(secretRef.Name, prefix: false));
            }
        }
    }

    private static void ValidateEphemeral(Volume volume, string path, string? podName, PodValidationContext context)
    {
        if (!IsSet(volume.Ephemeral!.VolumeClaimTemplate))
        {
            context.Add(FieldError.Required(path.Child("ephemeral").Child("volumeClaimTemplate")));
            return;
        }

        // The PVC the controller creates is named <pod>-<volume> and must be a valid object name.
        if (!string.IsNullOrEmpty(podName) && !string.IsNullOrEmpty(volume.Name))
        {
            var claimName = podName + "-" + volume.Name;
            foreach (var message in NameValidation.NameIsDNSSubdomain(claimName, prefix: false))
            {
                context.Add(FieldError.Invalid(path.Child("name"), volume.Name, $"PVC name {GoQuote.Quote(claimName)}: {message}"));
            }
        }
    }
}
