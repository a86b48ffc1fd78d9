using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 NodeSystemInfo; upstream always writes every string, even empty.</summary>
internal sealed class NodeSystemInfo
{
    [JsonPropertyName("machineID")]
    public string MachineID { get; set; } = string.Empty;

    [JsonPropertyName("systemUUID")]
    public string SystemUUID { get; set; } = string.Empty;

    [JsonPropertyName("bootID")]
    public string BootID { get; set; } = string.Empty;

    [JsonPropertyName("kernelVersion")]
    public string KernelVersion { get; set; } = string.Empty;

    [JsonPropertyName("osImage")]
    public string OsImage { get; set; } = string.Empty;

    [JsonPropertyName("containerRuntimeVersion")]
    public string ContainerRuntimeVersion { get; set; } = string.Empty;

    [JsonPropertyName("kubeletVersion")]
    public string KubeletVersion { get; set; } = string.Empty;

    [JsonPropertyName("kubeProxyVersion")]
    public string KubeProxyVersion { get; set; } = string.Empty;

    [JsonPropertyName("operatingSystem")]
    public string OperatingSystem { get; set; } = string.Empty;

    [JsonPropertyName("architecture")]
    public string Architecture { get; set; } = string.Empty;

    [JsonPropertyName("swap")]
    public NodeSwapStatus? Swap { get; set; }
}
