namespace Sharplet.Doctor;

/// <summary>
/// What pod networking needs from the kernel, as kubeadm's preflight checks: the br_netfilter module (bridged
/// traffic through iptables, so Services work) and IPv4 forwarding.
/// </summary>
internal sealed class KernelCheck(Func<string, string?> read) : IDoctorCheck
{
    public const string BridgeNfCallIptables = "/proc/sys/net/bridge/bridge-nf-call-iptables";
    public const string IpForward = "/proc/sys/net/ipv4/ip_forward";

    public string Name => "kernel";

    /// <param name="bridgeNfCallIptables">null when br_netfilter is not loaded (the sysctl does not exist then).</param>
    public static CheckResult Judge(string? bridgeNfCallIptables, string? ipForward)
    {
        var problems = new List<string>();
        var fixes = new List<string>();
        if (bridgeNfCallIptables is null)
        {
            problems.Add("the br_netfilter module is not loaded");
            fixes.Add("modprobe br_netfilter (and list it in /etc/modules-load.d/k8s.conf)");
        }
        else if (bridgeNfCallIptables.Trim() != "1")
        {
            problems.Add("net.bridge.bridge-nf-call-iptables is 0");
            fixes.Add("sysctl -w net.bridge.bridge-nf-call-iptables=1");
        }

        if (ipForward?.Trim() != "1")
        {
            problems.Add(ipForward is null ? "net.ipv4.ip_forward is not readable" : "net.ipv4.ip_forward is 0");
            fixes.Add("sysctl -w net.ipv4.ip_forward=1");
        }

        return problems.Count == 0
            ? CheckResult.Ok("kernel", "br_netfilter loaded, bridge-nf-call-iptables=1, ip_forward=1")
            : new CheckResult("kernel", Verdict.Fail, string.Join("; ", problems), string.Join("; ", fixes) + " (persist it in /etc/sysctl.d/k8s.conf)");
    }

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Judge(read(BridgeNfCallIptables), read(IpForward)));
}
