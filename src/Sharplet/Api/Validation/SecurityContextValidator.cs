using System.Text.RegularExpressions;

namespace Sharplet.Api.Validation;

/// <summary>Pod and container security contexts (validatePodSpecSecurityContext, ValidateSecurityContext), the parts a Linux kubelet applies.</summary>
internal static partial class SecurityContextValidator
{
    private const int SysctlMaxLength = 253;
    private const string SysctlSegmentFmt = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private const string SysctlFmt = "(" + SysctlSegmentFmt + "[\\./])*" + SysctlSegmentFmt;

    private static readonly string[] SeccompTypes = [SeccompProfileType.Localhost, SeccompProfileType.RuntimeDefault, SeccompProfileType.Unconfined];
    private static readonly string[] AppArmorTypes = ["Localhost", "RuntimeDefault", "Unconfined"];
    private static readonly string[] ProcMountTypes = ["Default", "Unmasked"];
    private static readonly string[] FsGroupChangePolicies = ["Always", "OnRootMismatch"];
    private static readonly string[] SupplementalGroupsPolicies = ["Merge", "Strict"];
    private static readonly string[] SeLinuxChangePolicies = ["MountOption", "Recursive"];

    public static void ValidatePod(PodSpec spec, string specPath, PodValidationContext context)
    {
        var securityContext = spec.SecurityContext;
        if (securityContext is null)
        {
            return;
        }

        var path = specPath.Child("securityContext");
        AddIdErrors(securityContext.FsGroup, path.Child("fsGroup"), context);
        AddIdErrors(securityContext.RunAsUser, path.Child("runAsUser"), context);
        AddIdErrors(securityContext.RunAsGroup, path.Child("runAsGroup"), context);
        for (var i = 0; i < (securityContext.SupplementalGroups?.Count ?? 0); i++)
        {
            AddIdErrors(securityContext.SupplementalGroups![i], path.Child("supplementalGroups").Index(i), context);
        }

        // Upstream keeps shareProcessNamespace in the internal security context, hence the path.
        if (spec.ShareProcessNamespace == true && spec.HostPID == true)
        {
            context.Add(FieldError.InvalidLiteral(path.Child("shareProcessNamespace"), "true", "ShareProcessNamespace and HostPID cannot both be enabled"));
        }

        ValidateSysctls(spec, securityContext.Sysctls, path.Child("sysctls"), context);
        ValidateEnum(securityContext.FsGroupChangePolicy, FsGroupChangePolicies, path.Child("fsGroupChangePolicy"), context);
        ValidateSeccomp(securityContext.SeccompProfile, path.Child("seccompProfile"), context);
        ValidateAppArmor(securityContext.AppArmorProfile, path.Child("appArmorProfile"), context);
        ValidateEnum(securityContext.SupplementalGroupsPolicy, SupplementalGroupsPolicies, path.Child("supplementalGroupsPolicy"), context);
        ValidateEnum(securityContext.SeLinuxChangePolicy, SeLinuxChangePolicies, path.Child("seLinuxChangePolicy"), context);
    }

    public static void ValidateContainer(SecurityContext? securityContext, string path, PodValidationContext context)
    {
        if (securityContext is null)
        {
            return;
        }

        AddIdErrors(securityContext.RunAsUser, path.Child("runAsUser"), context);
        AddIdErrors(securityContext.RunAsGroup, path.Child("runAsGroup"), context);
        if (securityContext.ProcMount is { } procMount)
        {
            ValidateEnum(procMount, ProcMountTypes, path.Child("procMount"), context);
            if (context.HostUsers && procMount == "Unmasked")
            {
                context.Add(FieldError.Invalid(path.Child("procMount"), procMount, "`hostUsers` must be false to use `Unmasked`"));
            }
        }

        ValidateSeccomp(securityContext.SeccompProfile, path.Child("seccompProfile"), context);
        if (securityContext.AllowPrivilegeEscalation == false)
        {
            if (securityContext.Privileged == true)
            {
                context.Add(FieldError.InvalidLiteral(path, "securityContext", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
            }

            if (securityContext.Capabilities?.Add?.Contains("CAP_SYS_ADMIN", StringComparer.Ordinal) == true)
            {
                context.Add(FieldError.InvalidLiteral(path, "securityContext", "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
            }
        }

        ValidateAppArmor(securityContext.AppArmorProfile, path.Child("appArmorProfile"), context);
    }

    private static void AddIdErrors(long? id, string path, PodValidationContext context)
    {
        foreach (var message in id is { } value ? FormatValidation.IsValidUserID(value) : [])
        {
            context.Add(FieldError.Invalid(path, id!.Value, message));
        }
    }

    private static void ValidateEnum(string? value, string[] supported, string path, PodValidationContext context)
    {
        if (value is not null && !supported.Contains(value, StringComparer.Ordinal))
        {
            context.Add(FieldError.NotSupported(path, value, supported));
        }
    }

    private static void ValidateSeccomp(SeccompProfile? profile, string path, PodValidationContext context)
    {
        if (profile is null)
        {
            return;
        }

        if (profile.Type.Length == 0)
        {
            context.Add(FieldError.Required(path.Child("type"), "type is required when seccompProfile is set"));
        }
        else
        {
            ValidateEnum(profile.Type, SeccompTypes, path.Child("type"), context);
        }

        if (profile.Type == SeccompProfileType.Localhost)
        {
            if (profile.LocalhostProfile is null)
            {
                context.Add(FieldError.Required(path.Child("localhostProfile"), "must be set when seccomp type is Localhost"));
            }
            else
            {
                PathValidator.ValidateLocalDescendingPath(profile.LocalhostProfile, path.Child("localhostProfile"), context);
            }
        }
        else if (profile.LocalhostProfile is not null)
        {
            context.Add(FieldError.Invalid(path.Child("localhostProfile"), profile.LocalhostProfile, "can only be set when seccomp type is Localhost"));
        }
    }

    private static void ValidateAppArmor(AppArmorProfile? profile, string path, PodValidationContext context)
    {
        switch (profile?.Type)
        {
            case null:
                return;
            case "Localhost":
                var localhost = profile.LocalhostProfile;
                if (localhost is null)
                {
                    context.Add(FieldError.Required(path.Child("localhostProfile"), "must be set when AppArmor type is Localhost"));
                }
                else if (localhost.Trim() != localhost)
                {
                    context.Add(FieldError.Invalid(path.Child("localhostProfile"), localhost, "must not be padded with whitespace"));
                }
                else if (localhost.Length == 0)
                {
                    context.Add(FieldError.Required(path.Child("localhostProfile"), "must be set when AppArmor type is Localhost"));
                }

                if (localhost?.Length > 4095)
                {
                    context.Add(FieldError.TooLong(path.Child("localhostProfile"), 4095));
                }

                break;
            case "RuntimeDefault" or "Unconfined":
                if (profile.LocalhostProfile is not null)
                {
                    context.Add(FieldError.Invalid(path.Child("localhostProfile"), profile.LocalhostProfile, "can only be set when AppArmor type is Localhost"));
                }

                break;
            case "":
                context.Add(FieldError.Required(path.Child("type"), "type is required when appArmorProfile is set"));
                break;
            default:
                context.Add(FieldError.NotSupported(path.Child("type"), profile.Type, AppArmorTypes));
                break;
        }
    }

    private static void ValidateSysctls(PodSpec spec, List<Sysctl>? sysctls, string path, PodValidationContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (sysctls?.Count ?? 0); i++)
        {
            var name = sysctls![i].Name;
            var namePath = path.Index(i).Child("name");
            if (name.Length == 0)
            {
                context.Add(FieldError.Required(namePath));
            }
            else if (name.Length > SysctlMaxLength || !SysctlRegex().IsMatch(name))
            {
                context.Add(FieldError.Invalid(namePath, name, $"must have at most {SysctlMaxLength} characters and match regex ^{SysctlFmt}$"));
            }
            else if (names.Contains(name))
            {
                context.Add(FieldError.Duplicate(namePath, name));
            }

            // Namespaced sysctls cannot be set in a namespace shared with the host.
            var dotted = name.Replace('/', '.');
            if (spec.HostNetwork == true && dotted.StartsWith("net.", StringComparison.Ordinal))
            {
                context.Add(FieldError.Invalid(namePath, name, "may not be specified when 'hostNetwork' is true"));
            }
            else if (spec.HostIPC == true && IsIpcSysctl(dotted))
            {
                context.Add(FieldError.Invalid(namePath, name, "may not be specified when 'hostIPC' is true"));
            }

            names.Add(name);
        }
    }

    private static bool IsIpcSysctl(string name) =>
        name == "kernel.sem" || name.StartsWith("kernel.shm", StringComparison.Ordinal) ||
        name.StartsWith("kernel.msg", StringComparison.Ordinal) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal);

    [GeneratedRegex(@"\A" + SysctlFmt + @"\z")]
    private static partial Regex SysctlRegex();
}
