using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 PodSecurityContext.</summary>
internal sealed class PodSecurityContext
{
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

    [JsonPropertyName("supplementalGroups")]
    public List<long>? SupplementalGroups { get; set; }

    [JsonPropertyName("supplementalGroupsPolicy")]
    public string? SupplementalGroupsPolicy { get; set; }

    [JsonPropertyName("fsGroup")]
    public long? FsGroup { get; set; }

    [JsonPropertyName("sysctls")]
    public List<Sysctl>? Sysctls { get; set; }

    [JsonPropertyName("fsGroupChangePolicy")]
    public string? FsGroupChangePolicy { get; set; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; set; }

    [JsonPropertyName("appArmorProfile")]
    public AppArmorProfile? AppArmorProfile { get; set; }

    [JsonPropertyName("seLinuxChangePolicy")]
    public string? SeLinuxChangePolicy { get; set; }
}
