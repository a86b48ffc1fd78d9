using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sharplet.Nodes;

// What the machine is, read once at start: identity (machine-id, system UUID, boot ID), kernel and OS,
// CPU and memory, the root directory's disk (null: not reported, localStorageCapacityIsolation false), and its
// addresses.
internal sealed record NodeFacts(
    string Hostname,
    IReadOnlyList<string> Addresses,
    int Cpus,
    long MemoryBytes,
    long? EphemeralStorageBytes,
    string MachineId,
    string SystemUuid,
    string BootId,
    string KernelVersion,
    string OsImage,
    string Architecture)
{
    public static NodeFacts Read(string rootDir, IReadOnlyList<string> nodeIps)
    {
        Directory.CreateDirectory(rootDir);
        return new NodeFacts(
            Dns.GetHostName(),
            nodeIps.Count > 0 ? nodeIps : DetectAddresses(),
            Environment.ProcessorCount,
            MemTotal(),
            new DriveInfo(rootDir).TotalSize,
            FirstLine("/etc/machine-id", "/var/lib/dbus/machine-id"),
            FirstLine("/sys/class/dmi/id/product_uuid"),
            FirstLine("/proc/sys/kernel/random/boot_id"),
            FirstLine("/proc/sys/kernel/osrelease"),
            OsRelease(),
            GoArchitecture());
    }

    // The architecture as Go (GOARCH) and the node's kubernetes.io/arch label name it.
    internal static string GoArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        var other => other.ToString().ToLowerInvariant(),
    };

    // How often the interface list is read before the start fails: a vanished interface spoils one read in
    // thousands under heavy churn (measured here: 1 in 20000 with veths created and deleted in a loop).
    internal const int AddressReadAttempts = 5;

    internal static IReadOnlyList<string> DetectAddresses() => DetectAddresses(NetworkInterface.GetAllNetworkInterfaces);

    // The address of the interface that holds the default route (what upstream picks without --node-ip),
    // else any non-loopback IPv4 address.
    // Why the retry: on Linux, GetAllNetworkInterfaces throws ArgumentException ("An invalid IP address was
    // specified") when an interface disappears while it is enumerated (dotnet/runtime#49515), and reading an
    // interface's properties after it went fails with IOException. On a node, CNI creates and deletes veths all the
    // time, so a start beside other pods' start or teardown met it (CI: a test host failed to build this way).
    // Every read is a fresh snapshot, so reading again is the whole remedy.
    internal static IReadOnlyList<string> DetectAddresses(Func<NetworkInterface[]> interfaces)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PickAddress(interfaces(), DefaultRouteInterface());
            }
            catch (Exception ex) when (ex is ArgumentException or NetworkInformationException or IOException)
            {
                if (attempt == AddressReadAttempts)
                {
                    // IOException: the agent command reports it as one line naming the problem, not a stack trace.
                    throw new IOException(
                        $"Cannot read the node's network addresses ({attempt} attempts, last: {ex.Message}); set --node-ip to name the node's address.",
                        ex);
                }
            }
        }
    }

    private static IReadOnlyList<string> PickAddress(NetworkInterface[] interfaces, string? defaultInterface)
    {
        var candidates = interfaces
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderByDescending(n => n.Name == defaultInterface)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Select(a => a.ToString())
            .ToList();
        return candidates.Count > 0 ? [candidates[0]] : ["127.0.0.1"];
    }

    private static string? DefaultRouteInterface()
    {
        try
        {
            return File.ReadLines("/proc/net/route").Skip(1).Select(l => l.Split('\t')).FirstOrDefault(f => f.Length > 2 && f[1] == "00000000")?[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long MemTotal()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return long.TryParse(kb, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : 0;
    }

    private static string OsRelease()
    {
        const string key = "PRETTY_NAME=";
        var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.OSDescription : line[key.Length..].Trim('"');
    }

    private static string FirstLine(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                if (File.Exists(path))
                {
                    return File.ReadLines(path).FirstOrDefault()?.Trim() ?? string.Empty;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not readable here (product_uuid needs root): report it empty, as upstream does.
            }
        }

        return string.Empty;
    }
}
