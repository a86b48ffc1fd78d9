using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 SecurityContext: per-container settings that override PodSecurityContext.</summary>
internal sealed class SecurityContext
{
    [JsonPropertyName("capabilities")]
    public Capabilities? Capabilities { get; set; }

    [JsonPropertyName("privileged")]
    public bool? Privileged { get; set; }

    [JsonPropertyName("seLinuxOptions")]
    public SELinuxOptions? SeLinuxOptions { get; set; }

    [JsonPropertyName("windowsOptions")]
    public WindowsSecurityContextOptions? WindowsOptions { get; set; }

    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; set; }

    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; set; }

    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; set; }

    [JsonPropertyName("readOnlyRootFilesystem")]
    public bool? ReadOnlyRootFilesystem { get; set; }

    [JsonPropertyName("allowPrivilegeEscalation")]
    public bool? AllowPrivilegeEscalation { get; set; }

    [JsonPropertyName("procMount")]
    public string? ProcMount { get; set; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }

    [JsonPropertyName("appArmorProfile")]
    public AppArmorProfile? AppArmorProfile { get; set; }
}
