using System.Globalization;
using System.Text;

namespace Sharplet.Api.Validation;

/// <summary>Object metadata (ValidateObjectMeta for a namespaced object) and the pod-specific annotations.</summary>
internal static class MetadataValidator
{
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    public const string MirrorPodAnnotationKey = "kubernetes.io/config.mirror";

    public const string PodDeletionCostAnnotationKey = "controller.kubernetes.io/pod-deletion-cost";

    private static readonly string[] StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    /// <summary>A namespaced object's metadata whose name must be a DNS subdomain (pods, secrets, config maps).</summary>
    public static void ValidateObjectMeta(ObjectMeta meta, string path, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            context.AddInvalid(path.Child("generateName"), meta.GenerateName, NameValidation.NameIsDNSSubdomain(meta.GenerateName, prefix: true));
        }

        if (string.IsNullOrEmpty(meta.Name))
        {
            context.Add(FieldError.Required(path.Child("name"), "name or generateName is required"));
        }
        else
        {
            context.AddInvalid(path.Child("name"), meta.Name, NameValidation.NameIsDNSSubdomain(meta.Name, prefix: false));
        }

        if (string.IsNullOrEmpty(meta.Namespace))
        {
            context.Add(FieldError.Required(path.Child("namespace")));
        }
        else
        {
            context.AddInvalid(path.Child("namespace"), meta.Namespace, NameValidation.NameIsDNSLabel(meta.Namespace, prefix: false));
        }

        if (meta.Generation is < 0)
        {
            context.Add(FieldError.Invalid(path.Child("generation"), meta.Generation.Value, ProbeValidator.IsNegativeErrorMsg));
        }

        ValidateLabels(meta.Labels, path.Child("labels"), context);
        ValidateAnnotations(meta.Annotations, path.Child("annotations"), context);
        ValidateOwnerReferences(meta.OwnerReferences, path.Child("ownerReferences"), context);
        ValidateFinalizers(meta.Finalizers, path.Child("finalizers"), context);
    }

    /// <summary>Label keys are qualified names and values label values; errors name the map, not the key.</summary>
    public static void ValidateLabels(Dictionary<string, string>? labels, string path, PodValidationContext context)
    {
        foreach (var (key, value) in labels ?? [])
        {
            context.AddInvalid(path, key, NameValidation.IsQualifiedName(key));
            context.AddInvalid(path, value, NameValidation.IsValidLabelValue(value));
        }
    }

    /// <summary>Annotation keys are qualified names in any case; keys and values together stay under 256 KiB.</summary>
    public static void ValidateAnnotations(Dictionary<string, string>? annotations, string path, PodValidationContext context)
    {
        long size = 0;
        foreach (var (key, value) in annotations ?? [])
        {
            context.AddInvalid(path, key, NameValidation.IsQualifiedName(key.ToLowerInvariant()));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (size > TotalAnnotationSizeLimitBytes)
        {
            context.Add(FieldError.TooLong(path, TotalAnnotationSizeLimitBytes));
        }
    }

    /// <summary>ValidatePodSpecificAnnotations: a mirror pod must be bound to a node; the deletion cost is an int32.</summary>
    public static void ValidatePodAnnotations(Dictionary<string, string>? annotations, PodSpec spec, string path, PodValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (annotations is null)
        {
            return;
        }

        if (annotations.TryGetValue(MirrorPodAnnotationKey, out var mirror) && string.IsNullOrEmpty(spec.NodeName))
        {
            context.Add(FieldError.Invalid(path.Key(MirrorPodAnnotationKey), mirror, "must set spec.nodeName if mirror pod annotation is set"));
        }

        if (annotations.TryGetValue(PodDeletionCostAnnotationKey, out var cost) && !IsDeletionCost(cost))
        {
            context.Add(FieldError.Invalid(path.Key(PodDeletionCostAnnotationKey), cost, "must be a 32bit integer"));
        }
    }

    private static void ValidateOwnerReferences(List<OwnerReference>? references, string path, PodValidationContext context)
    {
        string? controller = null;
        foreach (var reference in references ?? [])
        {
            var version = reference.ApiVersion.Contains('/', StringComparison.Ordinal) ? reference.ApiVersion[(reference.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : reference.ApiVersion;
            if (version.Length == 0)
            {
                context.Add(FieldError.Invalid(path.Child("apiVersion"), reference.ApiVersion, "version must not be empty"));
            }

            if (reference.Kind.Length == 0)
            {
                context.Add(FieldError.Invalid(path.Child("kind"), reference.Kind, "must not be empty"));
            }

            if (reference.Name.Length == 0)
            {
                context.Add(FieldError.Invalid(path.Child("name"), reference.Name, "must not be empty"));
            }

            if (reference.Uid.Length == 0)
            {
                context.Add(FieldError.Invalid(path.Child("uid"), reference.Uid, "must not be empty"));
            }

            if (reference.Controller == true)
            {
                var current = reference.Kind + "/" + reference.Name;
                if (controller is not null)
                {
                    context.Add(FieldError.InvalidLiteral(path, "ownerReferences",
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {controller} and {current}"));
                }
                else
                {
                    controller = current;
                }
            }
        }
    }

    private static void ValidateFinalizers(List<string>? finalizers, string path, PodValidationContext context)
    {
        foreach (var finalizer in finalizers ?? [])
        {
            context.AddInvalid(path, finalizer, NameValidation.IsQualifiedName(finalizer));
            if (!finalizer.Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(finalizer, StringComparer.Ordinal))
            {
                context.Add(FieldError.Invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }

        if (finalizers?.Contains("orphan") == true && finalizers.Contains("foregroundDeletion"))
        {
            context.Add(FieldError.InvalidLiteral(path, "[" + string.Join(" ", finalizers) + "]", "finalizer orphan and foregroundDeletion cannot be both set"));
        }
    }

    // No sign, no leading zeros, and within int32.
    private static bool IsDeletionCost(string value)
    {
        var validFirstDigit = value.Length > 0 && (value[0] == '-' || value == "0" || value[0] is >= '1' and <= '9');
        return validFirstDigit && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) &&
            value.Skip(value[0] == '-' ? 1 : 0).All(char.IsAsciiDigit);
    }
}
