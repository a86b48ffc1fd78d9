namespace Sharplet.Api.Validation;

/// <summary>Container env and envFrom (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom and the selectors they use).</summary>
internal static class EnvValidator
{
    /// <summary>The pod fields an env var may read through fieldRef (sorted, as upstream lists them).</summary>
    public static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    /// <summary>The container resources an env var or downward API file may read through resourceFieldRef.</summary>
    public static readonly string[] ResourceFieldPaths =
    [
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory",
    ];

    // Labels and annotations may be read one key at a time (metadata.labels['key']).
    private static readonly string[] ConvertibleFieldPaths =
    [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
        "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP",
        "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    private static readonly string[] CpuDivisors = ["1m", "1"];

    private static readonly string[] ByteDivisors = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];

    public static void ValidateEnv(List<EnvVar>? vars, string path, PodValidationContext context)
    {
        for (var i = 0; i < (vars?.Count ?? 0); i++)
        {
            var env = vars![i];
            var envPath = path.Index(i);
            if (string.IsNullOrEmpty(env.Name))
            {
                context.Add(FieldError.Required(envPath.Child("name")));
            }
            else
            {
                // RelaxedEnvironmentVariableValidation is on for new pods in current upstream releases.
                context.AddInvalid(envPath.Child("name"), env.Name, FormatValidation.IsRelaxedEnvVarName(env.Name));
            }

            ValidateValueFrom(env, envPath.Child("valueFrom"), context);
        }
    }

    public static void ValidateEnvFrom(List<EnvFromSource>? sources, string path, PodValidationContext context)
    {
        for (var i = 0; i < (sources?.Count ?? 0); i++)
        {
            var source = sources![i];
            var sourcePath = path.Index(i);
            if (!string.IsNullOrEmpty(source.Prefix))
            {
                context.AddInvalid(sourcePath.Child("prefix"), source.Prefix, FormatValidation.IsRelaxedEnvVarName(source.Prefix));
            }

            var count = 0;
            if (source.ConfigMapRef is { } configMap)
            {
                count++;
                ValidateReferencedName(configMap.Name, sourcePath.Child("configMapRef").Child("name"), context);
            }

            if (source.SecretRef is { } secret)
            {
                count++;
                ValidateReferencedName(secret.Name, sourcePath.Child("secretRef").Child("name"), context);
            }

            if (count == 0)
            {
                context.Add(FieldError.Invalid(path, string.Empty, "must specify one of: `configMapRef` or `secretRef`"));
            }
            else if (count > 1)
            {
                context.Add(FieldError.Invalid(path, string.Empty, "may not have more than one field specified at a time"));
            }
        }
    }

    /// <summary>validateObjectFieldSelector: apiVersion v1 and a supported pod field, or a label/annotation subscript.</summary>
    public static void ValidateFieldRef(ObjectFieldSelector fieldRef, IReadOnlyCollection<string> allowed, string path, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(fieldRef);
        if (string.IsNullOrEmpty(fieldRef.ApiVersion))
        {
            context.Add(FieldError.Required(path.Child("apiVersion")));
            return;
        }

        if (string.IsNullOrEmpty(fieldRef.FieldPath))
        {
            context.Add(FieldError.Required(path.Child("fieldPath")));
            return;
        }

        if (ConvertFieldLabel(fieldRef.ApiVersion, fieldRef.FieldPath) is { } conversionError)
        {
            context.Add(FieldError.Invalid(path.Child("fieldPath"), fieldRef.FieldPath, "error converting fieldPath: " + conversionError));
            return;
        }

        var fieldPath = fieldRef.FieldPath == "spec.host" ? "spec.nodeName" : fieldRef.FieldPath;
        if (SplitSubscript(fieldPath) is (var field, var subscript))
        {
            switch (field)
            {
                case "metadata.annotations":
                    context.AddInvalid(path, subscript.ToLowerInvariant(), NameValidation.IsQualifiedName(subscript.ToLowerInvariant()));
                    break;
                case "metadata.labels":
                    context.AddInvalid(path, subscript, NameValidation.IsQualifiedName(subscript));
                    break;
                default:
                    context.Add(FieldError.Invalid(path, field, "does not support subscript"));
                    break;
            }
        }
        else if (!allowed.Contains(fieldPath, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path.Child("fieldPath"), fieldPath, allowed));
        }
    }

    /// <summary>validateContainerResourceFieldSelector; a downward API volume file must also name its container.</summary>
    public static void ValidateResourceFieldRef(ResourceFieldSelector selector, string path, bool inVolume, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (inVolume && string.IsNullOrEmpty(selector.ContainerName))
        {
            context.Add(FieldError.Required(path.Child("containerName")));
        }
        else if (string.IsNullOrEmpty(selector.Resource))
        {
            context.Add(FieldError.Required(path.Child("resource")));
        }
        else if (!ResourceFieldPaths.Contains(selector.Resource, StringComparer.Ordinal) && !IsHugePagesField(selector.Resource))
        {
            context.Add(FieldError.NotSupported(path.Child("resource"), selector.Resource, ResourceFieldPaths));
        }

        if (selector.Divisor is not { IsZero: false } divisor)
        {
            return;
        }

        var text = divisor.ToString();
        var (valid, kind, message) = selector.Resource switch
        {
            "limits.cpu" or "requests.cpu" => (CpuDivisors.Contains(text), "cpu", "1m and 1"),
            "limits.memory" or "requests.memory" => (ByteDivisors.Contains(text), "memory", null),
            "limits.ephemeral-storage" or "requests.ephemeral-storage" => (ByteDivisors.Contains(text), "local ephemeral storage", null),
            _ when IsHugePagesField(selector.Resource) => (ByteDivisors.Contains(text), "hugepages", null),
            _ => (true, string.Empty, null),
        };
        if (!valid)
        {
            context.Add(FieldError.Invalid(path.Child("divisor"), selector.Resource,
                $"only divisor's values {message ?? "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei"} are supported with the {kind} resource"));
        }
    }

    /// <summary>A referenced secret or config map name (a DNS subdomain); upstream reports an empty one as Invalid, not Required.</summary>
    public static void ValidateKeySelector(string? name, string key, string path, PodValidationContext context)
    {
        context.AddInvalid(path.Child("name"), name ?? string.Empty, NameValidation.NameIsDNSSubdomain(name ?? string.Empty, prefix: false));
        if (string.IsNullOrEmpty(key))
        {
            context.Add(FieldError.Required(path.Child("key")));
        }
        else
        {
            context.AddInvalid(path.Child("key"), key, FormatValidation.IsConfigMapKey(key));
        }
    }

    private static void ValidateValueFrom(EnvVar env, string path, PodValidationContext context)
    {
        if (env.ValueFrom is not { } source)
        {
            return;
        }

        var count = 0;
        if (source.FieldRef is { } fieldRef)
        {
            count++;
            ValidateFieldRef(fieldRef, EnvFieldPaths, path.Child("fieldRef"), context);
        }

        if (source.ResourceFieldRef is { } resourceFieldRef)
        {
            count++;
            ValidateResourceFieldRef(resourceFieldRef, path.Child("resourceFieldRef"), inVolume: false, context);
        }

        if (source.ConfigMapKeyRef is { } configMapKeyRef)
        {
            count++;
            ValidateKeySelector(configMapKeyRef.Name, configMapKeyRef.Key, path.Child("configMapKeyRef"), context);
        }

        if (source.SecretKeyRef is { } secretKeyRef)
        {
            count++;
            ValidateKeySelector(secretKeyRef.Name, secretKeyRef.Key, path.Child("secretKeyRef"), context);
        }

        if (count == 0)
        {
            context.Add(FieldError.Invalid(path, string.Empty, "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        }
        else if (!string.IsNullOrEmpty(env.Value))
        {
            context.Add(FieldError.Invalid(path, string.Empty, "may not be specified when `value` is not empty"));
        }
        else if (count > 1)
        {
            context.Add(FieldError.Invalid(path, string.Empty, "may not have more than one field specified at a time"));
        }
    }

    // envFrom names are checked as name prefixes, like upstream (a trailing '-' is allowed).
    private static void ValidateReferencedName(string? name, string path, PodValidationContext context)
    {
        if (string.IsNullOrEmpty(name))
        {
            context.Add(FieldError.Required(path));
        }
        else
        {
            context.AddInvalid(path, name, NameValidation.NameIsDNSSubdomain(name, prefix: true));
        }
    }

    // pods.ConvertDownwardAPIFieldLabel: null when the label converts.
    private static string? ConvertFieldLabel(string apiVersion, string label)
    {
        if (apiVersion != "v1")
        {
            return "unsupported pod version: " + apiVersion;
        }

        if (SplitSubscript(label) is (var field, _))
        {
            return field is "metadata.annotations" or "metadata.labels" ? null : "field label does not support subscript: " + label;
        }

        return ConvertibleFieldPaths.Contains(label, StringComparer.Ordinal) || label == "spec.host"
            ? null
            : "field label not supported: " + label;
    }

    // fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['key']" is ("metadata.labels", "key").
    private static (string Field, string Subscript)? SplitSubscript(string fieldPath)
    {
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            return null;
        }

        var trimmed = fieldPath[..^2];
        var open = trimmed.IndexOf("['", StringComparison.Ordinal);
        return open <= 0 ? null : (trimmed[..open], trimmed[(open + 2)..]);
    }

    private static bool IsHugePagesField(string resource) =>
        resource.StartsWith("requests.hugepages-", StringComparison.Ordinal) || resource.StartsWith("limits.hugepages-", StringComparison.Ordinal);
}
