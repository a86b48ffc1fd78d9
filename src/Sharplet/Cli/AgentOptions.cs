using System.CommandLine;
using System.Globalization;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Cli;

// The agent's flags, named as upstream kubelet's. A flag given on the command line overrides the config file.
internal sealed class AgentOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "KubeletConfiguration file (kubelet.config.k8s.io/v1beta1); flags override it" };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig of the API server to join; without it Sharplet runs static pods only" };

    public Option<string?> PodManifestPath { get; } = new("--pod-manifest-path") { Description = "directory (or file) of static pod manifests (*.yaml, *.yml, *.json)" };

    public Option<string?> RuntimeEndpoint { get; } = new("--container-runtime-endpoint") { Description = "CRI runtime socket (default unix:///run/containerd/containerd.sock)" };

    public Option<string?> ImageEndpoint { get; } = new("--image-service-endpoint") { Description = "CRI image service socket (default: the runtime endpoint)" };

    public Option<string?> RootDir { get; } = new("--root-dir") { Description = "directory for pod state and the control socket (default /var/lib/sharplet)" };

    public Option<string?> HostnameOverride { get; } = new("--hostname-override") { Description = "node name to use instead of the hostname" };

    public Option<string?> NodeIp { get; } = new("--node-ip") { Description = "node IP address(es), comma-separated (default: the default route's interface)" };

    public Option<string?> NodeLabels { get; } = new("--node-labels") { Description = "extra node labels, key=value,key2=value2" };

    public Option<bool?> RegisterNode { get; } = new("--register-node") { Description = "register the node with the API server (default true)" };

    public Option<int?> HealthzPort { get; } = new("--healthz-port") { Description = "port of /healthz (default 10248; 0 disables)" };

    public Option<string?> HealthzBindAddress { get; } = new("--healthz-bind-address") { Description = "address of /healthz (default 127.0.0.1)" };

    public Option<int?> MaxPods { get; } = new("--max-pods") { Description = "pods this node admits (default 110)" };

    public Option<string?> CgroupRoot { get; } = new("--cgroup-root") { Description = "cgroup under which the kubepods hierarchy lives (default /)" };

    public Option<string?> SyncFrequency { get; } = new("--sync-frequency") { Description = "periodic resync of every pod (default 1m)" };

    public Option<string?> FileCheckFrequency { get; } = new("--file-check-frequency") { Description = "rescan of the static pod path (default 20s)" };

    public Option<string?> RuntimeRequestTimeout { get; } = new("--runtime-request-timeout") { Description = "deadline of CRI calls (default 2m)" };

    public Option<string?> ClusterDns { get; } = new("--cluster-dns") { Description = "cluster DNS server IPs, comma-separated" };

    public Option<string?> ClusterDomain { get; } = new("--cluster-domain") { Description = "cluster domain (default cluster.local)" };

    public Option<string?> ResolvConf { get; } = new("--resolv-conf") { Description = "resolver configuration for pods with dnsPolicy Default (default /etc/resolv.conf)" };

    public Option<string?> FeatureGates { get; } = new("--feature-gates") { Description = "feature gates, Name=true,Other=false" };

    public Option<int?> Port { get; } = new("--port") { Description = "kubelet API port reported in the node's daemonEndpoints (default 10250)" };

    public Option<double?> KubeApiQps { get; } = new("--kube-api-qps") { Description = "requests per second to the API server (default 50)" };

    public Option<int?> KubeApiBurst { get; } = new("--kube-api-burst") { Description = "burst of requests to the API server (default 100)" };

    public Option<string?> NodeStatusUpdateFrequency { get; } = new("--node-status-update-frequency") { Description = "how often the node status is computed and, if changed, posted (default 10s)" };

    public Option<int?> Verbosity { get; } = new("--v", "-v") { Description = "log verbosity: 0 info, 4 debug, 6 trace" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            Config, Kubeconfig, PodManifestPath, RuntimeEndpoint, ImageEndpoint, RootDir, HostnameOverride, NodeIp, NodeLabels,
            RegisterNode, HealthzPort, HealthzBindAddress, MaxPods, CgroupRoot, SyncFrequency, FileCheckFrequency,
            RuntimeRequestTimeout, ClusterDns, ClusterDomain, ResolvConf, FeatureGates, Port, KubeApiQps, KubeApiBurst,
            NodeStatusUpdateFrequency, Verbosity,
        })
        {
            command.Options.Add(option);
        }
    }

    // The config file first, then every flag that was given.
    public SharpletSettings Resolve(ParseResult result, out IReadOnlyList<string> ignoredConfigFields)
    {
        var settings = new SharpletSettings();
        ignoredConfigFields = [];
        if (result.GetValue(Config) is { } file)
        {
            settings.ConfigFile = file;
            ignoredConfigFields = KubeletConfigFile.Apply(file, settings);
        }

        Set(result, Kubeconfig, v => settings.Kubeconfig = v);
        Set(result, PodManifestPath, v => settings.StaticPodPath = v);
        Set(result, RuntimeEndpoint, v => settings.ContainerRuntimeEndpoint = v!);
        Set(result, ImageEndpoint, v => settings.ImageServiceEndpoint = v);
        Set(result, RootDir, v => settings.RootDir = v!);
        Set(result, HostnameOverride, v => settings.HostnameOverride = v);
        Set(result, NodeIp, v => settings.NodeIps = Split(v));
        Set(result, NodeLabels, v => settings.NodeLabels = Pairs(v, "--node-labels"));
        Set(result, RegisterNode, v => settings.RegisterNode = v ?? true);
        Set(result, HealthzPort, v => settings.HealthzPort = v ?? 10248);
        Set(result, HealthzBindAddress, v => settings.HealthzBindAddress = v!);
        Set(result, MaxPods, v => settings.MaxPods = v ?? 110);
        Set(result, CgroupRoot, v => settings.CgroupRoot = v!);
        Set(result, SyncFrequency, v => settings.SyncFrequency = Duration(v, "--sync-frequency"));
        Set(result, FileCheckFrequency, v => settings.FileCheckFrequency = Duration(v, "--file-check-frequency"));
        Set(result, RuntimeRequestTimeout, v => settings.RuntimeRequestTimeout = Duration(v, "--runtime-request-timeout"));
        Set(result, ClusterDns, v => settings.ClusterDns = Split(v));
        Set(result, ClusterDomain, v => settings.ClusterDomain = v!);
        Set(result, ResolvConf, v => settings.ResolvConf = v!);
        Set(result, FeatureGates, v =>
        {
            foreach (var (gate, value) in Pairs(v, "--feature-gates"))
            {
                settings.FeatureGates[gate] = bool.TryParse(value, out var on) ? on : throw new ConfigException($"--feature-gates: {gate}={value} is not true or false");
            }
        });
        Set(result, Port, v => settings.KubeletPort = v ?? 10250);
        Set(result, KubeApiQps, v => settings.KubeApiQps = v ?? 50);
        Set(result, KubeApiBurst, v => settings.KubeApiBurst = v ?? 100);
        Set(result, NodeStatusUpdateFrequency, v => settings.NodeStatusUpdateFrequency = Duration(v, "--node-status-update-frequency"));
        Set(result, Verbosity, v => settings.Verbosity = v ?? 0);
        return settings;
    }

    private static void Set<T>(ParseResult result, Option<T> option, Action<T?> apply)
    {
        if (result.GetResult(option) is not null)
        {
            apply(result.GetValue(option));
        }
    }

    private static List<string> Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static Dictionary<string, string> Pairs(string? value, string flag)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Split(value))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException($"{flag}: \"{pair}\" is not key=value");
            }

            result[pair[..eq]] = pair[(eq + 1)..];
        }

        return result;
    }

    private static TimeSpan Duration(string? value, string flag) =>
        GoDuration.TryParse(value, out var d) ? d : throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{flag}: \"{value}\" is not a duration (e.g. 10s, 1m30s)"));
}
