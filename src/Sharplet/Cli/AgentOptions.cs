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

    public Option<string?> BootstrapKubeconfig { get; } = new("--bootstrap-kubeconfig") { Description = "kubeconfig (a bootstrap token) used to request a client certificate when --kubeconfig has no valid one; --kubeconfig is then written, pointing at <cert-dir>/kubelet-client-current.pem" };

    public Option<bool?> RotateCertificates { get; } = new("--rotate-certificates") { Description = "renew the client certificate through the API before it expires (default true with --bootstrap-kubeconfig, else false)" };

    public Option<string?> PodManifestPath { get; } = new("--pod-manifest-path") { Description = "directory (or file) of static pod manifests (*.yaml, *.yml, *.json)" };

    public Option<string?> RuntimeEndpoint { get; } = new("--container-runtime-endpoint") { Description = "CRI runtime socket (default unix:///run/containerd/containerd.sock)" };

    public Option<string?> ImageEndpoint { get; } = new("--image-service-endpoint") { Description = "CRI image service socket (default: the runtime endpoint)" };

    public Option<string?> RootDir { get; } = new("--root-dir") { Description = "directory for pod state and the control socket (default /var/lib/sharplet)" };

    public Option<string?> HostnameOverride { get; } = new("--hostname-override") { Description = "node name to use instead of the hostname" };

    public Option<string?> NodeIp { get; } = new("--node-ip") { Description = "node IP address(es), comma-separated (default: the default route's interface)" };

    public Option<string?> NodeLabels { get; } = new("--node-labels") { Description = "extra node labels, key=value,key2=value2" };

    public Option<bool?> RegisterNode { get; } = new("--register-node") { Description = "register the node with the API server (default true)" };

    public Option<string?> RegisterWithTaints { get; } = new("--register-with-taints") { Description = "taints the node is registered with, comma-separated key=value:Effect or key:Effect (no-op with --register-node=false)" };

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

    public Option<int?> Port { get; } = new("--port") { Description = "port of the kubelet server (HTTPS), also reported in the node's daemonEndpoints (default 10250)" };

    public Option<string?> Address { get; } = new("--address") { Description = "IP address the kubelet server listens on (default 0.0.0.0)" };

    public Option<int?> ReadOnlyPort { get; } = new("--read-only-port") { Description = "unauthenticated read-only HTTP port (default 0: off)" };

    public Option<string?> TlsCertFile { get; } = new("--tls-cert-file") { Description = "serving certificate (PEM) of the kubelet server; default: a self-signed one in --cert-dir" };

    public Option<string?> TlsPrivateKeyFile { get; } = new("--tls-private-key-file") { Description = "private key (PEM) of --tls-cert-file" };

    public Option<string?> CertDir { get; } = new("--cert-dir") { Description = "where the self-signed kubelet.crt/kubelet.key and the kubelet-client/kubelet-server certificates are kept (default <root-dir>/pki)" };

    public Option<string?> TlsMinVersion { get; } = new("--tls-min-version") { Description = "VersionTLS10, VersionTLS11, VersionTLS12 (default) or VersionTLS13" };

    public Option<string?> TlsCipherSuites { get; } = new("--tls-cipher-suites") { Description = "comma-separated cipher suites (IANA/Go names); default: the platform's" };

    public Option<string?> ClientCaFile { get; } = new("--client-ca-file") { Description = "CA bundle that client certificates of the kubelet server are verified against" };

    public Option<bool?> AnonymousAuth { get; } = new("--anonymous-auth") { Description = "serve unauthenticated requests as system:anonymous (default true; a config file defaults to false)" };

    public Option<bool?> AuthenticationTokenWebhook { get; } = new("--authentication-token-webhook") { Description = "check bearer tokens with TokenReview (default false; a config file defaults to true)" };

    public Option<string?> AuthenticationTokenWebhookCacheTtl { get; } = new("--authentication-token-webhook-cache-ttl") { Description = "how long TokenReview answers are cached (default 2m)" };

    public Option<string?> AuthorizationMode { get; } = new("--authorization-mode") { Description = "AlwaysAllow (default) or Webhook (SubjectAccessReview; a config file's default)" };

    public Option<string?> AuthorizationWebhookCacheAuthorizedTtl { get; } = new("--authorization-webhook-cache-authorized-ttl") { Description = "how long an allowed SubjectAccessReview is cached (default 5m)" };

    public Option<string?> AuthorizationWebhookCacheUnauthorizedTtl { get; } = new("--authorization-webhook-cache-unauthorized-ttl") { Description = "how long a denied SubjectAccessReview is cached (default 30s)" };

    public Option<double?> KubeApiQps { get; } = new("--kube-api-qps") { Description = "requests per second to the API server (default 50)" };

    public Option<int?> KubeApiBurst { get; } = new("--kube-api-burst") { Description = "burst of requests to the API server (default 100)" };

    public Option<string?> NodeStatusUpdateFrequency { get; } = new("--node-status-update-frequency") { Description = "how often the node status is computed and, if changed, posted (default 10s)" };

    public Option<int?> Verbosity { get; } = new("--v", "-v") { Description = "log verbosity: 0 info, 4 debug, 6 trace" };

    public Option<string?> LoggingFormat { get; } = new("--logging-format") { Description = "log format: text (default, klog's lines) or json (one object per line: ts, v, msg, err and the structured values)" };
    public NodePressureOptions NodePressure { get; } = new();

    public void AddTo(Command command)
    {
        foreach (var option in NodePressure.All)
        {
            command.Options.Add(option);
        }

        foreach (var option in new Option[]
        {
            Config, Kubeconfig, BootstrapKubeconfig, RotateCertificates, PodManifestPath, RuntimeEndpoint, ImageEndpoint, RootDir, HostnameOverride, NodeIp, NodeLabels,
            RegisterNode, RegisterWithTaints, HealthzPort, HealthzBindAddress, MaxPods, CgroupRoot, SyncFrequency, FileCheckFrequency,
            RuntimeRequestTimeout, ClusterDns, ClusterDomain, ResolvConf, FeatureGates, Port, Address, ReadOnlyPort, TlsCertFile,
            TlsPrivateKeyFile, CertDir, TlsMinVersion, TlsCipherSuites, ClientCaFile, AnonymousAuth, AuthenticationTokenWebhook,
            AuthenticationTokenWebhookCacheTtl, AuthorizationMode, AuthorizationWebhookCacheAuthorizedTtl, AuthorizationWebhookCacheUnauthorizedTtl,
            KubeApiQps, KubeApiBurst, NodeStatusUpdateFrequency, Verbosity, LoggingFormat,
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
        Set(result, BootstrapKubeconfig, v => settings.BootstrapKubeconfig = v);
        Set(result, RotateCertificates, v => settings.RotateCertificates = v ?? true);
        Set(result, PodManifestPath, v => settings.StaticPodPath = v);
        Set(result, RuntimeEndpoint, v => settings.ContainerRuntimeEndpoint = v!);
        Set(result, ImageEndpoint, v => settings.ImageServiceEndpoint = v);
        Set(result, RootDir, v => settings.RootDir = v!);
        Set(result, HostnameOverride, v => settings.HostnameOverride = v);
        Set(result, NodeIp, v => settings.NodeIps = Split(v));
        Set(result, NodeLabels, v => settings.NodeLabels = NodeLabelFlag.Validate(Pairs(v, "--node-labels")));
        Set(result, RegisterNode, v => settings.RegisterNode = v ?? true);
        Set(result, RegisterWithTaints, v => settings.RegisterWithTaints = RegisterTaints.ParseFlag(v, "--register-with-taints"));
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
        var server = settings.Server;
        Set(result, Address, v => server.Address = v!);
        Set(result, ReadOnlyPort, v => server.ReadOnlyPort = v ?? 0);
        Set(result, TlsCertFile, v => server.TlsCertFile = v);
        Set(result, TlsPrivateKeyFile, v => server.TlsPrivateKeyFile = v);
        Set(result, CertDir, v => server.CertDir = v);
        Set(result, TlsMinVersion, v => server.TlsMinVersion = v);
        Set(result, TlsCipherSuites, v => server.TlsCipherSuites = Split(v));
        Set(result, ClientCaFile, v => server.ClientCaFile = v);
        Set(result, AnonymousAuth, v => server.AnonymousEnabled = v ?? true);
        Set(result, AuthenticationTokenWebhook, v => server.WebhookAuthenticationEnabled = v ?? true);
        Set(result, AuthenticationTokenWebhookCacheTtl, v => server.WebhookAuthenticationCacheTtl = Duration(v, "--authentication-token-webhook-cache-ttl"));
        Set(result, AuthorizationMode, v => server.AuthorizationMode = v!);
        Set(result, AuthorizationWebhookCacheAuthorizedTtl, v => server.AuthorizedCacheTtl = Duration(v, "--authorization-webhook-cache-authorized-ttl"));
        Set(result, AuthorizationWebhookCacheUnauthorizedTtl, v => server.UnauthorizedCacheTtl = Duration(v, "--authorization-webhook-cache-unauthorized-ttl"));
        Set(result, KubeApiQps, v => settings.KubeApiQps = v ?? 50);
        Set(result, KubeApiBurst, v => settings.KubeApiBurst = v ?? 100);
        Set(result, NodeStatusUpdateFrequency, v => settings.NodeStatusUpdateFrequency = Duration(v, "--node-status-update-frequency"));
        Set(result, Verbosity, v => settings.Verbosity = v ?? 0);
        Set(result, LoggingFormat, v => settings.LoggingFormat = LogFormats.Parse(v, "--logging-format"));
        NodePressure.Apply(result, settings);
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
