namespace Sharplet.Api.Validation;

/// <summary>The volume sources that project API data into files: secret, configMap, downwardAPI and projected.</summary>
internal static class ProjectionValidator
{
    /// <summary>The pod fields a downward API volume file may hold (sorted, as upstream lists them).</summary>
    public static readonly string[] VolumeFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];

    private const long MinTokenExpirationSeconds = 10 * 60;
    private const long MaxTokenExpirationSeconds = 1L << 32;

    public static void ValidateSecret(SecretVolumeSource secret, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(secret.SecretName))
        {
            context.Add(FieldError.Required(path.Child("secretName")));
        }

        PathValidator.ValidateFileMode(secret.DefaultMode, path.Child("defaultMode"), context);
        ValidateItems(secret.Items, path.Child("items"), context);
    }

    public static void ValidateConfigMap(ConfigMapVolumeSource configMap, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(configMap.Name))
        {
            context.Add(FieldError.Required(path.Child("name")));
        }

        PathValidator.ValidateFileMode(configMap.DefaultMode, path.Child("defaultMode"), context);
        ValidateItems(configMap.Items, path.Child("items"), context);
    }

    public static void ValidateDownwardApi(DownwardAPIVolumeSource downwardApi, string path, PodValidationContext context)
    {
        PathValidator.ValidateFileMode(downwardApi.DefaultMode, path.Child("defaultMode"), context);

        // Upstream reports item errors at the source's path, not at the item's index.
        foreach (var file in downwardApi.Items ?? [])
        {
            ValidateDownwardApiFile(file, path, context);
        }
    }

    public static void ValidateProjected(ProjectedVolumeSource projected, string path, PodValidationContext context)
    {
        PathValidator.ValidateFileMode(projected.DefaultMode, path.Child("defaultMode"), context);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void AddPath(string file, string reported)
        {
            if (file.Length > 0 && !paths.Add(file))
            {
                context.Add(FieldError.Invalid(path, reported, "conflicting duplicate paths"));
            }
        }

        var sources = projected.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var sourcePath = path.Child("sources").Index(i);
            var count = 0;
            if (source.Secret is { } secret)
            {
                count++;
                if (string.IsNullOrEmpty(secret.Name))
                {
                    context.Add(FieldError.Required(sourcePath.Child("secret").Child("name")));
                }

                ValidateItems(secret.Items, sourcePath.Child("secret").Child("items"), context);
                foreach (var item in secret.Items ?? [])
                {
                    AddPath(item.Path, secret.Name ?? string.Empty);
                }
            }

            if (source.ConfigMap is { } configMap)
            {
                count++;
                if (string.IsNullOrEmpty(configMap.Name))
                {
                    context.Add(FieldError.Required(sourcePath.Child("configMap").Child("name")));
                }

                ValidateItems(configMap.Items, sourcePath.Child("configMap").Child("items"), context);
                foreach (var item in configMap.Items ?? [])
                {
                    AddPath(item.Path, configMap.Name ?? string.Empty);
                }
            }

            if (source.DownwardAPI is { } downwardApi)
            {
                count++;
                foreach (var file in downwardApi.Items ?? [])
                {
                    ValidateDownwardApiFile(file, sourcePath.Child("downwardAPI"), context);
                    AddPath(file.Path, file.Path);
                }
            }

            if (source.ServiceAccountToken is { } token)
            {
                count++;
                ValidateToken(token, sourcePath.Child("serviceAccountToken"), path, context);
            }

            // Cluster trust bundles and pod certificates are kept as raw JSON: only counted here.
            if (source.ClusterTrustBundle is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            {
                count++;
            }

            if (source.PodCertificate is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            {
                count++;
            }

            if (count > 1)
            {
                context.Add(FieldError.Forbidden(sourcePath, "may not specify more than 1 volume type per source"));
            }
        }
    }

    private static void ValidateToken(ServiceAccountTokenProjection token, string tokenPath, string projectedPath, PodValidationContext context)
    {
        var expiration = token.ExpirationSeconds ?? 0;
        if (expiration < MinTokenExpirationSeconds)
        {
            context.Add(FieldError.Invalid(tokenPath.Child("expirationSeconds"), expiration, "may not specify a duration less than 10 minutes"));
        }

        if (expiration > MaxTokenExpirationSeconds)
        {
            context.Add(FieldError.Invalid(tokenPath.Child("expirationSeconds"), expiration, "may not specify a duration larger than 2^32 seconds"));
        }

        // Upstream reports the token's path at the projected volume's path.
        if (string.IsNullOrEmpty(token.Path))
        {
            context.Add(FieldError.Required(projectedPath.Child("path")));
        }
        else
        {
            PathValidator.ValidateLocalNonReservedPath(token.Path, projectedPath.Child("path"), context);
        }
    }

    private static void ValidateItems(List<KeyToPath>? items, string path, PodValidationContext context)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            PathValidator.ValidateKeyToPath(items![i], path.Index(i), context);
        }
    }

    private static void ValidateDownwardApiFile(DownwardAPIVolumeFile file, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(file.Path))
        {
            context.Add(FieldError.Required(path.Child("path")));
        }

        PathValidator.ValidateLocalNonReservedPath(file.Path, path.Child("path"), context);
        if (file.FieldRef is { } fieldRef)
        {
            EnvValidator.ValidateFieldRef(fieldRef, VolumeFieldPaths, path.Child("fieldRef"), context);
            if (file.ResourceFieldRef is not null)
            {
                context.Add(FieldError.Invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
            }
        }
        else if (file.ResourceFieldRef is { } resourceFieldRef)
        {
            EnvValidator.ValidateResourceFieldRef(resourceFieldRef, path.Child("resourceFieldRef"), inVolume: true, context);
        }
        else
        {
            context.Add(FieldError.Required(path, "one of fieldRef and resourceFieldRef is required"));
        }

        PathValidator.ValidateFileMode(file.Mode, path.Child("mode"), context);
    }
}
