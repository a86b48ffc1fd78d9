using System.Text.Json;

namespace Sharplet.Doctor;

/// <summary>
/// The cgroup hierarchy Sharplet manages pods in: v2 (unified) or v1, the controllers it needs (cpu, memory,
/// pids), the --cgroup-root existing, and the runtime using the same driver (Sharplet uses cgroupfs; a runtime
/// with SystemdCgroup = true puts containers where Sharplet's pod cgroups are not).
/// </summary>
internal sealed class CgroupCheck(CriProbe probe, string cgroupRoot, Func<string, string?> read) : IDoctorCheck
{
    private static readonly string[] Needed = ["cpu", "memory", "pids"];

    public string Name => "cgroups";

    /// <param name="v2Controllers">/sys/fs/cgroup/cgroup.controllers (null on a v1 host).</param>
    /// <param name="v1Controllers">The enabled controllers of /proc/cgroups (v1 hosts).</param>
    public static CheckResult Judge(string? v2Controllers, IReadOnlyCollection<string> v1Controllers, bool rootExists, string cgroupRoot, bool? runtimeUsesSystemd)
    {
        var v2 = v2Controllers is not null;
        var available = v2 ? v2Controllers!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : v1Controllers;
        var missing = Needed.Where(c => !available.Contains(c)).ToList();
        var hierarchy = v2 ? "cgroup v2 (unified)" : "cgroup v1";
        if (missing.Count > 0)
        {
            return new CheckResult("cgroups", Verdict.Fail, $"{hierarchy} lacks the {string.Join(", ", missing)} controller(s)",
                v2 ? "enable them in the parent's cgroup.subtree_control (or boot with systemd.unified_cgroup_hierarchy=1 and cgroup_enable=memory)" : "boot with cgroup_enable=memory and mount every v1 controller");
        }

        if (!rootExists)
        {
            return new CheckResult("cgroups", Verdict.Fail, $"--cgroup-root {cgroupRoot} does not exist in {hierarchy}", "create that cgroup or pass an existing one to --cgroup-root");
        }

        if (runtimeUsesSystemd == true)
        {
            return new CheckResult("cgroups", Verdict.Fail, "the runtime uses the systemd cgroup driver, Sharplet the cgroupfs one",
                "set SystemdCgroup = false in the runtime's config (containerd: the runc options) and restart it");
        }

        return CheckResult.Ok("cgroups", $"{hierarchy}, cgroupfs driver{(runtimeUsesSystemd is null ? string.Empty : " (as the runtime)")}, controllers {string.Join(", ", Needed)}, root {cgroupRoot}");
    }

    /// <summary>containerd's CRI config: any runtime's options with SystemdCgroup (null when the config does not say).</summary>
    public static bool? RuntimeUsesSystemd(string? configJson)
    {
        if (string.IsNullOrEmpty(configJson))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(configJson);
            bool? found = null;
            Walk(doc.RootElement, ref found);
            return found;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var runtime = await probe.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var v2 = read("/sys/fs/cgroup/cgroup.controllers");
        var v1 = (read("/proc/cgroups") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t', ' '))
            .Where(f => f.Length >= 4 && f[^1].Trim() == "1")
            .Select(f => f[0])
            .ToList();
        var relative = cgroupRoot.TrimStart('/');
        var rootExists = v2 is not null ? Directory.Exists(Path.Combine("/sys/fs/cgroup", relative)) : Directory.Exists(Path.Combine("/sys/fs/cgroup/memory", relative));
        return Judge(v2, v1, rootExists, cgroupRoot, RuntimeUsesSystemd(runtime.ConfigJson));
    }

    private static void Walk(JsonElement element, ref bool? found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, "SystemdCgroup", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    found = (found ?? false) || property.Value.GetBoolean();
                }
                else
                {
                    Walk(property.Value, ref found);
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, ref found);
            }
        }
    }
}
