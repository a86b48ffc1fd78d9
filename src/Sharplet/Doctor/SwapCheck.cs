namespace Sharplet.Doctor;

/// <summary>Swap is off (upstream's kubelet refuses to start with swap on unless failSwapOn is false).</summary>
internal sealed class SwapCheck(Func<string, string?> read) : IDoctorCheck
{
    public string Name => "swap";

    /// <param name="procSwaps">/proc/swaps: a header line, then one line per active swap area.</param>
    public static CheckResult Judge(string? procSwaps)
    {
        if (procSwaps is null)
        {
            return CheckResult.Skipped("swap", "/proc/swaps is not readable");
        }

        var areas = procSwaps.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0]).ToList();
        return areas.Count == 0
            ? CheckResult.Ok("swap", "no swap is active")
            : new CheckResult("swap", Verdict.Warning, $"swap is on ({string.Join(", ", areas)}); pods' memory limits do not cover swapped pages",
                "turn swap off (swapoff -a, and remove it from /etc/fstab) as kubeadm expects");
    }

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Judge(read("/proc/swaps")));
}
