using System.Text.Json;

namespace Sharplet.Doctor;

/// <summary>
/// A CNI network config is present and its plugins are installed. The directories are the doctor's
/// --cni-conf-dir/--cni-bin-dir when given, else the runtime's own (containerd's verbose Status), else the
/// defaults /etc/cni/net.d and /opt/cni/bin.
/// </summary>
internal sealed class CniCheck(CriProbe probe, string? confDir, string? binDir) : IDoctorCheck
{
    public const string DefaultConfDir = "/etc/cni/net.d";
    public const string DefaultBinDir = "/opt/cni/bin";

    public string Name => "cni";

    public static CheckResult Judge(CniObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.ConfigFile is null)
        {
            return new CheckResult("cni", Verdict.Fail, $"no CNI network config (*.conf, *.conflist, *.json) in {o.ConfDir}",
                $"install a network add-on (or write a bridge config) into {o.ConfDir}");
        }

        if (o.Problem is not null)
        {
            return new CheckResult("cni", Verdict.Fail, $"{o.ConfigFile}: {o.Problem}", $"fix or replace {o.ConfigFile} (it must be a CNI config or conflist in JSON)");
        }

        if (o.MissingPlugins.Count > 0)
        {
            return new CheckResult("cni", Verdict.Fail, $"{o.ConfigFile} needs plugins missing from {o.BinDir}: {string.Join(", ", o.MissingPlugins)}",
                $"install the CNI plugins (e.g. the containernetworking-plugins package) into {o.BinDir}");
        }

        return CheckResult.Ok("cni", $"network \"{o.NetworkName}\" from {o.ConfigFile}; plugins {string.Join(", ", o.PluginTypes)} found in {o.BinDir}");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var runtime = await probe.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var (runtimeConf, runtimeBin) = RuntimeDirs(runtime.ConfigJson);
        return Judge(Observe(confDir ?? runtimeConf ?? DefaultConfDir, binDir ?? runtimeBin ?? DefaultBinDir));
    }

    /// <summary>containerd's CRI config (verbose Status "config"): cni.confDir and cni.binDir.</summary>
    public static (string? ConfDir, string? BinDir) RuntimeDirs(string? configJson)
    {
        if (string.IsNullOrEmpty(configJson))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(configJson);
            if (!doc.RootElement.TryGetProperty("cni", out var cni) || cni.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(cni, "confDir"), Text(cni, "binDir"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public static CniObservation Observe(string confDir, string binDir)
    {
        string? first = null;
        if (Directory.Exists(confDir))
        {
            first = Directory.EnumerateFiles(confDir)
                .Where(f => f.EndsWith(".conf", StringComparison.Ordinal) || f.EndsWith(".conflist", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
        }

        if (first is null)
        {
            return new CniObservation(confDir, binDir, null, null, [], []);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(first));
            var root = doc.RootElement;
            var types = root.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Array
                ? plugins.EnumerateArray().Select(p => Text(p, "type")).OfType<string>().ToList()
                : [.. new[] { Text(root, "type") }.OfType<string>()];
            if (types.Count == 0)
            {
                return new CniObservation(confDir, binDir, first, Text(root, "name"), [], [], "names no plugin type");
            }

            var missing = types.Where(t => !binDir.Split(':').Any(d => File.Exists(Path.Combine(d, t)))).Distinct(StringComparer.Ordinal).ToList();
            return new CniObservation(confDir, binDir, first, Text(root, "name"), types, missing);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new CniObservation(confDir, binDir, first, null, [], [], ex.Message);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
