namespace Sharplet.KubeRuntime;

// Node-wide settings that shape every sandbox and container config.
internal sealed record RuntimeSettings
{
    public string PodLogsDir { get; init; } = "/var/log/pods";

    public IReadOnlyList<string> ClusterDns { get; init; } = [];

    public string ClusterDomain { get; init; } = "cluster.local";

    public string ResolvConf { get; init; } = "/etc/resolv.conf";

    public string RuntimeHandler { get; init; } = string.Empty;

    // The sandbox's pause container gets what upstream gives it when no overhead is set.
    public int PodPidsLimit { get; init; } = -1;
}
