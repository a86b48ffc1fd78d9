namespace Sharplet.Cri;

internal sealed record RuntimeVersionInfo(string Name, string Version, string ApiVersion, RuntimeConditions Conditions)
{
    // The form nodeInfo.containerRuntimeVersion takes upstream: "containerd://1.6.20".
    public string NodeInfoVersion => $"{Name}://{Version}";
}
