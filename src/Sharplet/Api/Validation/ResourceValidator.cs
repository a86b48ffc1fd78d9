namespace Sharplet.Api.Validation;

/// <summary>
/// Container resources (validateResourceRequirements with validateContainerResourceName), pod
/// overhead, resize policies and resource claims.
/// </summary>
internal static class ResourceValidator
{
    private const string DefaultNamespacePrefix = "kubernetes.io/";
    private const string RequestsPrefix = "requests.";

    private static readonly string[] StandardContainerResources = [ResourceName.Cpu, ResourceName.Memory, ResourceName.EphemeralStorage];

    private static readonly string[] StandardResources =
    [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
        "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
        "configmaps", "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
    ];

    private static readonly string[] IntegerResources =
    [
        "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers",
    ];

    private static readonly string[] ResizeResources = [ResourceName.Cpu, ResourceName.Memory];

    private static readonly string[] ResizePolicies = [ResourceResizeRestartPolicy.NotRequired, ResourceResizeRestartPolicy.RestartContainer];

    public static void ValidateContainerResources(ResourceRequirements? requirements, string path, PodValidationContext context)
    {
        if (requirements is null)
        {
            return;
        }

        var limitsPath = path.Child("limits");
        var requestsPath = path.Child("requests");
        var cpuOrMemory = false;
        var hugePages = false;
        foreach (var (name, quantity) in requirements.Limits ?? [])
        {
            var fieldPath = limitsPath.Key(name);
            ValidateContainerResourceName(name, fieldPath, context);
            ValidateQuantity(name, quantity, fieldPath, context);
            hugePages |= CheckHugePages(name, quantity, fieldPath, context);
            cpuOrMemory |= name is ResourceName.Cpu or ResourceName.Memory;
        }

        foreach (var (name, quantity) in requirements.Requests ?? [])
        {
            var fieldPath = requestsPath.Key(name);
            ValidateContainerResourceName(name, fieldPath, context);
            ValidateQuantity(name, quantity, fieldPath, context);
            if (requirements.Limits?.TryGetValue(name, out var limit) == true)
            {
                // Resources that cannot be overcommitted must be requested at exactly their limit.
                if (quantity != limit && !IsOvercommitAllowed(name))
                {
                    context.Add(FieldError.Invalid(requestsPath, quantity.ToString(), $"must be equal to {name} limit of {limit}"));
                }
                else if (quantity > limit)
                {
                    context.Add(FieldError.Invalid(requestsPath, quantity.ToString(), $"must be less than or equal to {name} limit of {limit}"));
                }
            }
            else if (!IsOvercommitAllowed(name))
            {
                context.Add(FieldError.Required(limitsPath, "Limit must be set for non overcommitable resources"));
            }

            hugePages |= CheckHugePages(name, quantity, fieldPath, context);
            cpuOrMemory |= name is ResourceName.Cpu or ResourceName.Memory;
        }

        if (!cpuOrMemory && hugePages)
        {
            context.Add(FieldError.Forbidden(path, "HugePages require cpu or memory"));
        }

        ValidateClaimReferences(requirements.Claims, path.Child("claims"), context);
    }

    /// <summary>spec.overhead is checked like a container's limits.</summary>
    public static void ValidateOverhead(Dictionary<string, Quantity> overhead, string path, PodValidationContext context) =>
        ValidateContainerResources(new ResourceRequirements { Limits = overhead }, path, context);

    public static void ValidateResizePolicy(List<ContainerResizePolicy>? policies, string path, PodValidationContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (policies?.Count ?? 0); i++)
        {
            var policy = policies![i];
            if (!seen.Add(policy.ResourceName))
            {
                context.Add(FieldError.Duplicate(path.Index(i), policy.ResourceName));
            }

            if (policy.ResourceName.Length == 0)
            {
                context.Add(FieldError.Required(path));
            }
            else if (!ResizeResources.Contains(policy.ResourceName, StringComparer.Ordinal))
            {
                context.Add(FieldError.NotSupported(path, policy.ResourceName, ResizeResources));
            }

            if (policy.RestartPolicy.Length == 0)
            {
                context.Add(FieldError.Required(path));
            }
            else if (!ResizePolicies.Contains(policy.RestartPolicy, StringComparer.Ordinal))
            {
                context.Add(FieldError.NotSupported(path, policy.RestartPolicy, ResizePolicies));
            }

            if (context.RestartPolicy == RestartPolicy.Never && policy.RestartPolicy != ResourceResizeRestartPolicy.NotRequired)
            {
                context.Add(FieldError.Invalid(path, policy.RestartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
            }
        }
    }

    /// <summary>validatePodResourceClaims: unique DNS-label names, each naming exactly one claim or template.</summary>
    public static void ValidatePodClaims(List<PodResourceClaim>? claims, string path, PodValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (claims?.Count ?? 0); i++)
        {
            var claim = claims![i];
            var claimPath = path.Index(i);
            if (claim.Name.Length == 0)
            {
                context.Add(FieldError.Required(claimPath.Child("name")));
            }
            else if (!names.Add(claim.Name))
            {
                context.Add(FieldError.Duplicate(claimPath.Child("name"), claim.Name));
            }
            else
            {
                context.AddInvalid(claimPath.Child("name"), claim.Name, NameValidation.IsDNS1123Label(claim.Name));
            }

            if (claim.ResourceClaimName is not null && claim.ResourceClaimTemplateName is not null)
            {
                context.Add(FieldError.InvalidLiteral(claimPath, claim.Name, "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified"));
            }

            if (claim.ResourceClaimName is null && claim.ResourceClaimTemplateName is null)
            {
                context.Add(FieldError.InvalidLiteral(claimPath, claim.Name, "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"));
            }

            if (claim.ResourceClaimName is { } claimName)
            {
                context.AddInvalid(claimPath.Child("resourceClaimName"), claimName, NameValidation.NameIsDNSSubdomain(claimName, prefix: false));
            }

            if (claim.ResourceClaimTemplateName is { } templateName)
            {
                context.AddInvalid(claimPath.Child("resourceClaimTemplateName"), templateName, NameValidation.NameIsDNSSubdomain(templateName, prefix: false));
            }
        }
    }

    public static bool IsHugePageResourceName(string name) => name.StartsWith(ResourceName.HugePagesPrefix, StringComparison.Ordinal);

    // Resources in the kubernetes.io namespace, except hugepages, may be requested below their limit.
    public static bool IsOvercommitAllowed(string name) => IsNativeResource(name) && !IsHugePageResourceName(name);

    private static bool IsNativeResource(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains(DefaultNamespacePrefix, StringComparison.Ordinal);

    private static bool IsExtendedResourceName(string name) =>
        !IsNativeResource(name) && !name.StartsWith(RequestsPrefix, StringComparison.Ordinal) &&
        NameValidation.IsQualifiedName(RequestsPrefix + name).Count == 0;

    private static void ValidateContainerResourceName(string name, string path, PodValidationContext context)
    {
        var messages = NameValidation.IsQualifiedName(name);
        if (messages.Count > 0)
        {
            context.AddInvalid(path, name, messages);
        }
        else if (!name.Contains('/', StringComparison.Ordinal) && !StandardResources.Contains(name, StringComparer.Ordinal) &&
            !IsHugePageResourceName(name) && !name.StartsWith("requests.hugepages-", StringComparison.Ordinal))
        {
            context.Add(FieldError.Invalid(path, name, "must be a standard resource type or fully qualified"));
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            if (!StandardContainerResources.Contains(name, StringComparer.Ordinal) && !IsHugePageResourceName(name))
            {
                context.Add(FieldError.Invalid(path, name, "must be a standard resource for containers"));
            }
        }
        else if (!IsNativeResource(name) && !IsExtendedResourceName(name))
        {
            context.Add(FieldError.Invalid(path, name, "doesn't follow extended resource name standard"));
        }
    }

    // ValidateResourceQuantityValue: never negative; counted resources are whole numbers.
    private static void ValidateQuantity(string name, Quantity quantity, string path, PodValidationContext context)
    {
        if (quantity.Sign < 0)
        {
            context.Add(FieldError.Invalid(path, quantity.ToString(), ProbeValidator.IsNegativeErrorMsg));
        }

        if ((IntegerResources.Contains(name, StringComparer.Ordinal) || IsExtendedResourceName(name)) && quantity.MilliValue() % 1000 != 0)
        {
            context.Add(FieldError.InvalidLiteral(path, quantity.ToString(), "must be an integer"));
        }
    }

    // Hugepages must come in whole pages of the size the resource name gives.
    private static bool CheckHugePages(string name, Quantity quantity, string path, PodValidationContext context)
    {
        if (!IsHugePageResourceName(name))
        {
            return false;
        }

        var divisible = Quantity.TryParse(name[ResourceName.HugePagesPrefix.Length..], out var pageSize) &&
            pageSize.Sign > 0 && pageSize.MilliValue() % 1000 == 0 && quantity.Value() % pageSize.Value() == 0;
        if (!divisible)
        {
            context.Add(FieldError.Invalid(path, quantity.ToString(), $"{quantity} is not positive integer multiple of {name}"));
        }

        return true;
    }

    // validateResourceClaimNames: each entry names a pod claim (and optionally one of its requests) once.
    private static void ValidateClaimReferences(List<ResourceClaim>? claims, string path, PodValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (claims?.Count ?? 0); i++)
        {
            var claim = claims![i];
            var claimPath = path.Index(i);
            if (claim.Name.Length == 0)
            {
                context.Add(FieldError.Required(claimPath));
                continue;
            }

            if (names.Contains(claim.Name))
            {
                context.Add(FieldError.Duplicate(claimPath, claim.Name));
            }
            else
            {
                var key = claim.Name;
                if (!string.IsNullOrEmpty(claim.Request))
                {
                    context.AddInvalid(claimPath.Child("request"), claim.Request, NameValidation.IsDNS1123Label(claim.Request));
                    key += "/" + claim.Request;
                }

                if (names.Contains(key))
                {
                    context.Add(FieldError.Duplicate(claimPath, key));
                }
                else if (string.IsNullOrEmpty(claim.Request) && names.Any(existing => existing.StartsWith(claim.Name + "/", StringComparison.Ordinal)))
                {
                    context.Add(FieldError.Duplicate(claimPath, claim.Name));
                }

                names.Add(key);
            }

            if (!context.ClaimNames.Contains(claim.Name))
            {
                var detail = "must be one of the names in pod.spec.resourceClaims" + (context.ClaimNames.Count == 0
                    ? " which is empty"
                    : ": " + string.Join(", ", context.ClaimNames.Order(StringComparer.Ordinal)));
                context.Add(FieldError.NotFound(claimPath, claim.Name, detail));
            }
        }
    }
}
