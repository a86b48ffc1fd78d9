using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Server;
using Sharplet.Util;

namespace Sharplet.Hosting;

// Reads a KubeletConfiguration (kubelet.config.k8s.io/v1beta1) file into the settings. An operator's existing
// kubelet config must load: upstream fields Sharplet does not act on are accepted and listed as ignored;
// a field upstream does not know either (a typo) is an error naming the file and the field.
internal static class KubeletConfigFile
{
    public const string ApiVersion = "kubelet.config.k8s.io/v1beta1";

    // Upstream fields accepted without effect in Sharplet (yet), so real config files load.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "httpCheckFrequency", "staticPodURL", "staticPodURLHeader",
       "registryPullQPS", "registryBurst", "imagePullCredentialsVerificationPolicy",
        "preloadedImagesVerificationAllowlist", "eventRecordQPS", "eventBurst", "enableDebuggingHandlers",
        "enableContentionProfiling", "oomScoreAdj", "streamingConnectionIdleTimeout",
        "volumeStatsAggPeriod", "kubeletCgroups", "systemCgroups",
        "cpuManagerPolicy", "singleProcessOOMKill", "cpuManagerPolicyOptions", "cpuManagerReconcilePeriod",
        "memoryManagerPolicy", "topologyManagerPolicy", "topologyManagerScope", "topologyManagerPolicyOptions", "qosReserved",
        "hairpinMode", "podCIDR", "runOnce",
        "maxOpenFiles", "contentType",
        "mergeDefaultEvictionSettings", "podsPerCore",
        "enableControllerAttachDetach", "protectKernelDefaults", "makeIPTablesUtilChains", "iptablesMasqueradeBit",
        "iptablesDropBit", "failSwapOn", "memorySwap",
        "configMapAndSecretChangeDetectionStrategy", "reservedSystemCPUs",
        "showHiddenMetricsForVersion", "systemReservedCgroup", "kubeReservedCgroup",
        "allowedUnsafeSysctls", "volumePluginDir", "providerID", "kernelMemcgNotification", "enableSystemLogHandler",
        "enableSystemLogQuery", "shutdownGracePeriod", "shutdownGracePeriodCriticalPods", "shutdownGracePeriodByPodPriority",
        "reservedMemory", "enableProfilingHandler", "enableDebugFlagsHandler", "seccompDefault", "memoryThrottlingFactor",
        "tracing", "failCgroupV1", "userNamespaces",
    };

    // Returns the ignored fields found, for one warning line.
    public static IReadOnlyList<string> Apply(string path, SharpletSettings settings)
    {
        string text;
        try
        {
            // Bounded and regular files only: a FIFO or /dev/zero given as --config is an error, not a hang.
            var content = RegularFile.Read(path, InputLimits.MaxConfigFileBytes);
            var problem = content.Missing ? "cannot read: no such file" : content.Problem;
            text = problem is null ? Utf8Text.Decode(content.Bytes!, out problem) ?? string.Empty : string.Empty;
            if (problem is not null)
            {
                throw new ConfigException($"config file {path}: {problem}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config file {path}: cannot read: {ex.Message}");
        }

        IReadOnlyList<YamlJsonDocument> documents;
        try
        {
            documents = YamlToJson.Convert(text);
        }
        catch (YamlConversionException ex)
        {
            throw new ConfigException($"config file {path}: {ex.Message}");
        }

        if (documents.Count != 1 || documents[0].Json is not JsonObject obj)
        {
            throw new ConfigException($"config file {path}: expected one KubeletConfiguration object");
        }

        var kind = obj["kind"]?.ToString();
        var apiVersion = obj["apiVersion"]?.ToString();
        if (kind != "KubeletConfiguration" || apiVersion != ApiVersion)
        {
            throw new ConfigException($"config file {path}: expected kind KubeletConfiguration, apiVersion {ApiVersion}; found kind \"{kind}\", apiVersion \"{apiVersion}\"");
        }

        // A config file gets v1beta1's defaults for the server (anonymous off, webhooks on), not the flags' ones.
        var port = settings.Server.Port;
        settings.Server = KubeletServerOptions.ConfigFileDefaults();
        settings.Server.Port = port;
        var ignored = new List<string>();
        foreach (var (name, value) in obj)
        {
            if (name is "kind" or "apiVersion" || value is null)
            {
                continue;
            }

            try
            {
                if (!Set(settings, name, value))
                {
                    if (!Ignored.Contains(name))
                    {
                        throw new ConfigException($"config file {path}: unknown field \"{name}\"");
                    }

                    ignored.Add(name);
                }
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
            {
                throw new ConfigException($"config file {path}: field \"{name}\": {ex.Message}");
            }
        }

        DefaultReportFrequency(settings, obj);
        return ignored;
    }

    // Upstream's defaulting: a zero duration is unset, and an explicit nodeStatusUpdateFrequency without a
    // nodeStatusReportFrequency makes the report frequency equal to it (backward compatibility with kubelets
    // that posted their status every update).
    private static void DefaultReportFrequency(SharpletSettings settings, JsonObject obj)
    {
        var defaults = new SharpletSettings();
        if (settings.NodeStatusUpdateFrequency == TimeSpan.Zero)
        {
            settings.NodeStatusUpdateFrequency = defaults.NodeStatusUpdateFrequency;
        }
        else if (obj["nodeStatusUpdateFrequency"] is not null && (obj["nodeStatusReportFrequency"] is null || settings.NodeStatusReportFrequency == TimeSpan.Zero))
        {
            settings.NodeStatusReportFrequency = settings.NodeStatusUpdateFrequency;
        }

        if (settings.NodeStatusReportFrequency == TimeSpan.Zero)
        {
            settings.NodeStatusReportFrequency = defaults.NodeStatusReportFrequency;
        }

        if (settings.NodeLeaseDurationSeconds == 0)
        {
            settings.NodeLeaseDurationSeconds = defaults.NodeLeaseDurationSeconds;
        }
    }

    private static bool Set(SharpletSettings s, string name, JsonNode value)
    {
        switch (name)
        {
            case "staticPodPath": s.StaticPodPath = Str(value); break;
            case "podLogsDir": s.PodLogsDir = Str(value); break;
            case "syncFrequency": s.SyncFrequency = Duration(value); break;
            case "fileCheckFrequency": s.FileCheckFrequency = Duration(value); break;
            case "healthzPort": s.HealthzPort = Int(value); break;
            case "port": s.KubeletPort = Int(value); break;
            case "enableServer": s.Server.Enabled = Bool(value); break;
            case "address": s.Server.Address = Str(value); break;
            case "readOnlyPort": s.Server.ReadOnlyPort = Int(value); break;
            case "tlsCertFile": s.Server.TlsCertFile = Str(value); break;
            case "tlsPrivateKeyFile": s.Server.TlsPrivateKeyFile = Str(value); break;
            case "rotateCertificates": s.RotateCertificates = Bool(value); break;
            case "serverTLSBootstrap": s.ServerTlsBootstrap = Bool(value); break;
            case "tlsMinVersion": s.Server.TlsMinVersion = Str(value); break;
            case "tlsCipherSuites": s.Server.TlsCipherSuites = List(value); break;
            case "authentication": ServerAuthConfig.ApplyAuthentication(s.Server, value.AsObject()); break;
            case "authorization": ServerAuthConfig.ApplyAuthorization(s.Server, value.AsObject()); break;
            case "healthzBindAddress": s.HealthzBindAddress = Str(value); break;
            case "clusterDomain": s.ClusterDomain = Str(value); break;
            case "clusterDNS": s.ClusterDns = List(value); break;
            case "nodeStatusUpdateFrequency": s.NodeStatusUpdateFrequency = Duration(value); break;
            case "nodeStatusReportFrequency": s.NodeStatusReportFrequency = Duration(value); break;
            case "nodeLeaseDurationSeconds": s.NodeLeaseDurationSeconds = Int(value); break;
            case "cgroupRoot": s.CgroupRoot = Str(value); break;
            case "cgroupDriver":
                if (Str(value) != "cgroupfs")
                {
                    throw new FormatException($"\"{Str(value)}\" is not supported: Sharplet manages cgroups with the cgroupfs driver");
                }

                break;
            case "cgroupsPerQOS": s.CgroupsPerQos = Bool(value); break;
            case "enforceNodeAllocatable": s.EnforceNodeAllocatable = List(value); break;
            case "podPidsLimit": s.PodPidsLimit = Int(value); break;
            case "cpuCFSQuota": s.CpuCfsQuota = Bool(value); break;
            case "cpuCFSQuotaPeriod": s.CpuCfsQuotaPeriod = Duration(value); break;
            case "runtimeRequestTimeout": s.RuntimeRequestTimeout = Duration(value); break;
            case "maxPods": s.MaxPods = Int(value); break;
            case "resolvConf": s.ResolvConf = Str(value); break;
            case "kubeAPIQPS": s.KubeApiQps = Number(value); break;
            case "kubeAPIBurst": s.KubeApiBurst = Int(value); break;
            case "serializeImagePulls": s.SerializeImagePulls = Bool(value); break;
            case "maxParallelImagePulls": s.MaxParallelImagePulls = Int(value); break;
            case "evictionHard": s.EvictionHard = Map(value); break;
            case "systemReserved": s.SystemReserved = Map(value); break;
            case "kubeReserved": s.KubeReserved = Map(value); break;
            case "registerNode": s.RegisterNode = Bool(value); break;
            case "registerWithTaints": s.RegisterWithTaints = RegisterTaints.ParseConfig(value); break;
            case "containerRuntimeEndpoint": s.ContainerRuntimeEndpoint = Str(value); break;
            case "imageServiceEndpoint": s.ImageServiceEndpoint = Str(value); break;
            case "featureGates":
                foreach (var (gate, on) in value.AsObject())
                {
                    s.FeatureGates[gate] = on is not null && Bool(on);
                }

                break;
            case "logging": ApplyLogging(s, value.AsObject()); break;
            case "crashLoopBackOff":
                foreach (var (field, v) in value.AsObject())
                {
                    if (field != "maxContainerRestartPeriod" || v is null)
                    {
                        throw new FormatException($"unknown field \"crashLoopBackOff.{field}\"");
                    }

                    s.CrashLoopMaxRestartPeriod = Duration(v);
                }

                break;
            default:
                return ResourceConfigFields.Apply(s, name, value);
        }

        return true;
    }

    // LoggingConfiguration (component-base): format and verbosity act; flushFrequency (stderr is unbuffered here),
    // vmodule and options are accepted without effect.
    private static void ApplyLogging(SharpletSettings s, JsonObject logging)
    {
        foreach (var (field, v) in logging)
        {
            switch (field)
            {
                case "format" when v is not null:
                    s.LoggingFormat = LogFormats.IsKnown(Str(v)) ? Str(v) : throw new FormatException($"logging.format: \"{Str(v)}\" is not a log format (text or json)");
                    break;
                case "verbosity" when v is not null: s.Verbosity = Int(v); break;
                case "format" or "verbosity" or "flushFrequency" or "vmodule" or "options": break;
                default: throw new FormatException($"unknown field \"logging.{field}\"");
            }
        }
    }

    internal static string Str(JsonNode value) => value.GetValue<string>();

    // YAML integers arrive as 64-bit JSON values and floats as parsed numbers; GetValue<int> and GetValue<double>
    // only accept the exact CLR type behind the node, so numbers are read from their JSON text.
    internal static int Int(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{value.ToJsonString()} is not a whole number");

    internal static double Number(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{value.ToJsonString()} is not a number");

    internal static bool Bool(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{value.ToJsonString()} is not true or false"),
    };

    internal static TimeSpan Duration(JsonNode value) => GoDuration.Parse(value.ToString());

    internal static List<string> List(JsonNode value) => value.AsArray().Select(v => v!.ToString()).ToList();

    internal static Dictionary<string, string> Map(JsonNode value) =>
        value.AsObject().ToDictionary(p => p.Key, p => Convert.ToString(p.Value?.ToString(), CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
}
