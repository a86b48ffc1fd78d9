namespace Sharplet.Hosting;

// Every setting of a Sharplet run, with upstream kubelet's defaults. Filled from the KubeletConfiguration file
// first and the command line second (flags win, as upstream).
internal sealed class SharpletSettings
{
    public string? ConfigFile { get; set; }

    public string? Kubeconfig { get; set; }

    // --bootstrap-kubeconfig: the identity (a bootstrap token) that requests the client certificate when
    // --kubeconfig has none that is valid (TLS bootstrap); --kubeconfig is then written.
    public string? BootstrapKubeconfig { get; set; }

    // rotateCertificates (--rotate-certificates); unset means on with a bootstrap kubeconfig, off without.
    public bool? RotateCertificates { get; set; }

    // serverTLSBootstrap: the :10250 certificate from a kubelet-serving CSR instead of a self-signed one.
    public bool ServerTlsBootstrap { get; set; }

    public bool EffectiveRotateCertificates => RotateCertificates ?? !string.IsNullOrEmpty(BootstrapKubeconfig);

    // --cert-dir (default <root-dir>/pki): the self-signed serving pair and the kubelet-client/-server stores.
    public string EffectiveCertDir => Server.CertDir ?? Path.Combine(RootDir, "pki");

    public string? StaticPodPath { get; set; }

    public TimeSpan FileCheckFrequency { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan SyncFrequency { get; set; } = TimeSpan.FromMinutes(1);

    public string ContainerRuntimeEndpoint { get; set; } = "unix:///run/containerd/containerd.sock";

    public string? ImageServiceEndpoint { get; set; }

    public TimeSpan RuntimeRequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public string RootDir { get; set; } = "/var/lib/sharplet";

    public string PodLogsDir { get; set; } = "/var/log/pods";

    public string? HostnameOverride { get; set; }

    public List<string> NodeIps { get; set; } = [];

    public Dictionary<string, string> NodeLabels { get; set; } = new(StringComparer.Ordinal);

    public bool RegisterNode { get; set; } = true;

    // --register-with-taints / registerWithTaints: the node's taints at registration (not re-applied to an existing node).
    public List<Api.Taint> RegisterWithTaints { get; set; } = [];

    public int HealthzPort { get; set; } = 10248;

    // The kubelet API port reported in the node's daemonEndpoints (upstream's "port", 10250).
    public int KubeletPort { get; set; } = 10250;

    public string HealthzBindAddress { get; set; } = "127.0.0.1";

    // The kubelet server (address, readOnlyPort, TLS, authentication, authorization); its port is KubeletPort.
    public Server.KubeletServerOptions Server { get; set; } = new();

    public int MaxPods { get; set; } = 110;

    public string CgroupRoot { get; set; } = "/";

    // cgroupsPerQOS, enforceNodeAllocatable, podPidsLimit, cpuCFSQuota, cpuCFSQuotaPeriod (upstream defaults).
    public bool CgroupsPerQos { get; set; } = true;

    public List<string> EnforceNodeAllocatable { get; set; } = ["pods"];

    public long PodPidsLimit { get; set; } = -1;

    public bool CpuCfsQuota { get; set; } = true;

    public TimeSpan CpuCfsQuotaPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    public List<string> ClusterDns { get; set; } = [];

    public string ClusterDomain { get; set; } = "cluster.local";

    public string ResolvConf { get; set; } = "/etc/resolv.conf";

    public TimeSpan NodeStatusUpdateFrequency { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan NodeStatusReportFrequency { get; set; } = TimeSpan.FromMinutes(5);

    public int NodeLeaseDurationSeconds { get; set; } = 40;

    public double KubeApiQps { get; set; } = 50;

    public int KubeApiBurst { get; set; } = 100;

    public bool SerializeImagePulls { get; set; } = true;

    public int? MaxParallelImagePulls { get; set; }

    public Dictionary<string, string> SystemReserved { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> KubeReserved { get; set; } = new(StringComparer.Ordinal);

    // Upstream's default hard eviction thresholds (they also come off allocatable).
    public Dictionary<string, string> EvictionHard { get; set; } = new(StringComparer.Ordinal)
    {
        ["memory.available"] = "100Mi",
        ["nodefs.available"] = "10%",
        ["nodefs.inodesFree"] = "5%",
        ["imagefs.available"] = "15%",
    };

    // evictionSoft, evictionSoftGracePeriod, evictionMinimumReclaim, evictionPressureTransitionPeriod,
    // evictionMaxPodGracePeriod (upstream names and defaults; no soft thresholds unless configured).
    public Dictionary<string, string> EvictionSoft { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> EvictionSoftGracePeriod { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> EvictionMinimumReclaim { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan EvictionPressureTransitionPeriod { get; set; } = TimeSpan.FromMinutes(5);

    public int EvictionMaxPodGracePeriod { get; set; }

    // localStorageCapacityIsolation (default true): false drops ephemeral-storage from the node's capacity and
    // allocatable and turns off eviction for ephemeral-storage limits and emptyDir sizeLimit, as upstream.
    public bool LocalStorageCapacityIsolation { get; set; } = true;

    // Image and container garbage collection (upstream imageGC*, imageMinimumGCAge, imageMaximumGCAge 0 = never).
    public int ImageGcHighThresholdPercent { get; set; } = 85;

    public int ImageGcLowThresholdPercent { get; set; } = 80;

    public TimeSpan ImageMinimumGcAge { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ImageMaximumGcAge { get; set; }

    // Images reported in node.status.images (upstream nodeStatusMaxImages, 50; -1 = no cap).
    public int NodeStatusMaxImages { get; set; } = 50;

    // Container log rotation (upstream containerLogMaxSize, containerLogMaxFiles, containerLogMaxWorkers,
    // containerLogMonitorInterval); a negative size turns rotation off.
    public string ContainerLogMaxSize { get; set; } = Logs.LogRotatePolicy.DefaultMaxSize;

    public int ContainerLogMaxFiles { get; set; } = Logs.LogRotatePolicy.DefaultMaxFiles;

    public int ContainerLogMaxWorkers { get; set; } = Logs.LogRotatePolicy.DefaultMaxWorkers;

    public TimeSpan ContainerLogMonitorInterval { get; set; } = Logs.LogRotatePolicy.DefaultMonitorInterval;

    public Dictionary<string, bool> FeatureGates { get; set; } = new(StringComparer.Ordinal);

    // crashLoopBackOff.maxContainerRestartPeriod (KubeletCrashLoopBackOffMax); null means the default cap.
    public TimeSpan? CrashLoopMaxRestartPeriod { get; set; }

    public int Verbosity { get; set; }

    // --logging-format / logging.format: "text" (klog's lines) or "json" (component-base/logs/json's objects).
    public string LoggingFormat { get; set; } = LogFormats.Text;

    // Upstream's ReduceDefaultCrashLoopBackOffDecay gate: start at 1 s and cap at 60 s instead of 10 s and 300 s.
    public (TimeSpan Initial, TimeSpan Max) CrashLoopBackOff
    {
        get
        {
            var reduced = FeatureGates.GetValueOrDefault("ReduceDefaultCrashLoopBackOffDecay");
            var initial = reduced ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
            var max = CrashLoopMaxRestartPeriod ?? (reduced ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(300));
            return (initial > max ? max : initial, max);
        }
    }
}
