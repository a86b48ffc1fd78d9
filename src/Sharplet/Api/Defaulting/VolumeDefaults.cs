namespace Sharplet.Api.Defaulting;

/// <summary>Upstream's volume defaults: SetDefaults_Volume and the per-source defaulters.</summary>
internal static class VolumeDefaults
{
    /// <summary>0644, the default file mode of secret, configMap, downwardAPI and projected volumes.</summary>
    public const int DefaultMode = 420;

    /// <summary>One hour, the default lifetime of a projected service account token.</summary>
    public const long DefaultTokenExpirationSeconds = 3600;

    public static void Apply(Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);

        // A volume with no source defaults to emptyDir.
        if (!HasSource(volume))
        {
            volume.EmptyDir = new EmptyDirVolumeSource();
        }

        if (volume.Image is { } image && string.IsNullOrEmpty(image.PullPolicy))
        {
            // Same rule as containers: ":latest", written or implied, pulls always.
            image.PullPolicy = ContainerDefaults.DefaultPullPolicy(image.Reference);
        }

        if (volume.HostPath is { } hostPath)
        {
            hostPath.Type ??= HostPathType.Unset;
        }

        if (volume.Secret is { } secret)
        {
            secret.DefaultMode ??= DefaultMode;
        }

        if (volume.ConfigMap is { } configMap)
        {
            configMap.DefaultMode ??= DefaultMode;
        }

        if (volume.DownwardAPI is { } downwardApi)
        {
            downwardApi.DefaultMode ??= DefaultMode;
            ApplyItems(downwardApi.Items);
        }

        if (volume.Projected is { } projected)
        {
            projected.DefaultMode ??= DefaultMode;
            foreach (var source in projected.Sources ?? [])
            {
                ApplyItems(source.DownwardAPI?.Items);
                if (source.ServiceAccountToken is { } token)
                {
                    token.ExpirationSeconds ??= DefaultTokenExpirationSeconds;
                }
            }
        }
    }

    /// <summary>Whether any volume source is set (upstream's ptr.AllPtrFieldsNil over VolumeSource, negated).</summary>
    public static bool HasSource(Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return volume.HostPath is not null || volume.EmptyDir is not null || volume.GcePersistentDisk is not null ||
            volume.AwsElasticBlockStore is not null || volume.GitRepo is not null || volume.Secret is not null ||
            volume.Nfs is not null || volume.Iscsi is not null || volume.Glusterfs is not null ||
            volume.PersistentVolumeClaim is not null || volume.Rbd is not null || volume.FlexVolume is not null ||
            volume.Cinder is not null || volume.Cephfs is not null || volume.Flocker is not null ||
            volume.DownwardAPI is not null || volume.Fc is not null || volume.AzureFile is not null ||
            volume.ConfigMap is not null || volume.VsphereVolume is not null || volume.Quobyte is not null ||
            volume.AzureDisk is not null || volume.PhotonPersistentDisk is not null || volume.Projected is not null ||
            volume.PortworxVolume is not null || volume.ScaleIO is not null || volume.Storageos is not null ||
            volume.Csi is not null || volume.Ephemeral is not null || volume.Image is not null;
    }

    private static void ApplyItems(List<DownwardAPIVolumeFile>? items)
    {
        foreach (var item in items ?? [])
        {
            ContainerDefaults.ApplyFieldRef(item.FieldRef);
        }
    }
}
