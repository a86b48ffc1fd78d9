using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 WindowsSecurityContextOptions.</summary>
internal sealed class WindowsSecurityContextOptions
{
    [JsonPropertyName("gmsaCredentialSpecName")]
    public string? GmsaCredentialSpecName { get; set; }

    [JsonPropertyName("gmsaCredentialSpec")]
    public string? GmsaCredentialSpec { get; set; }

    [JsonPropertyName("runAsUserName")]
    public string? RunAsUserName { get; set; }

    [JsonPropertyName("hostProcess")]
    public bool? HostProcess { get; set; }
}
