using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Nodes;
using Sharplet.Util;

namespace Sharplet.Hosting;

// Wires the cgroup managers from the settings, refusing the combinations upstream refuses (with the field
// named), and computes the kubepods limits from the node's capacity and reservations.
internal static class CgroupServices
{
    public static IServiceCollection AddCgroups(this IServiceCollection services, SharpletSettings settings, NodeFacts facts)
    {
        var cgroupSettings = Settings(settings);
        var hierarchy = CgroupHierarchy.Detect();
        var kubepods = NodeAllocatableCgroup.For(Capacity(facts), Reserved(settings), cgroupSettings.EnforcePodsAllocatable);
        return services.AddSingleton(cgroupSettings).AddSingleton(hierarchy).AddSingleton<CgroupManager>()
            .AddSingleton(sp => new QosContainerManager(sp.GetRequiredService<CgroupManager>(), cgroupSettings, kubepods,
                sp.GetRequiredService<ILogger<QosContainerManager>>()))
            .AddSingleton<PodContainerManager>();
    }

    // Makes the QoS tiers before anything runs; a missing cgroup root or an unwritable limit stops the start
    // with one sentence.
    public static void Start(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<QosContainerManager>().Start();
        }
        catch (CgroupException ex)
        {
            throw new ConfigException(ex.Message);
        }
    }

    internal static CgroupSettings Settings(SharpletSettings settings)
    {
        var enforce = settings.EnforceNodeAllocatable.Where(e => e != "none").ToList();
        foreach (var key in enforce.Where(e => e != "pods"))
        {
            throw new ConfigException(key is "system-reserved" or "kube-reserved"
                ? $"enforceNodeAllocatable: \"{key}\" is not supported: Sharplet enforces allocatable on pods only (use \"pods\" or \"none\")"
                : $"enforceNodeAllocatable: \"{key}\" is not one of pods, system-reserved, kube-reserved, none");
        }

        if (enforce.Count > 0 && !settings.CgroupsPerQos)
        {
            throw new ConfigException("enforceNodeAllocatable: enforcing allocatable on pods needs cgroupsPerQOS: true (set enforceNodeAllocatable: [none] to run without QoS cgroups)");
        }

        if (settings.PodPidsLimit == 0 || settings.PodPidsLimit < -1)
        {
            throw new ConfigException($"podPidsLimit: {settings.PodPidsLimit} would let no process start in any pod; use -1 for no limit or a positive number");
        }

        if (settings.CpuCfsQuotaPeriod < TimeSpan.FromMilliseconds(1) || settings.CpuCfsQuotaPeriod > TimeSpan.FromSeconds(1))
        {
            throw new ConfigException($"cpuCFSQuotaPeriod: {settings.CpuCfsQuotaPeriod} is outside the kernel's 1ms to 1s");
        }

        return new CgroupSettings
        {
            CgroupRoot = settings.CgroupRoot,
            CgroupsPerQos = settings.CgroupsPerQos,
            EnforcePodsAllocatable = enforce.Count > 0,
            PodPidsLimit = settings.PodPidsLimit,
            CpuCfsQuota = settings.CpuCfsQuota,
            CpuCfsQuotaPeriod = settings.CpuCfsQuotaPeriod,
        };
    }

    private static Dictionary<string, Quantity> Capacity(NodeFacts facts)
    {
        var capacity = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            [ResourceName.Cpu] = Quantity.FromInt64(facts.Cpus),
            [ResourceName.Memory] = Quantity.FromInt64(facts.MemoryBytes),
        };
        if (ReadLong("/proc/sys/kernel/pid_max") is { } pidMax)
        {
            capacity["pid"] = Quantity.FromInt64(pidMax);
        }

        return capacity;
    }

    // kubeReserved plus systemReserved, resource by resource.
    private static Dictionary<string, Quantity> Reserved(SharpletSettings settings)
    {
        var total = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (field, list) in new[] { ("kubeReserved", settings.KubeReserved), ("systemReserved", settings.SystemReserved) })
        {
            foreach (var (name, text) in list)
            {
                var q = Quantity.TryParse(text, out var parsed) && parsed.Sign >= 0
                    ? parsed
                    : throw new ConfigException($"{field} {name}: \"{text}\" is not a quantity");
                total[name] = total.TryGetValue(name, out var existing) ? existing + q : q;
            }
        }

        return total;
    }

    private static long? ReadLong(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
