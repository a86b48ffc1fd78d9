using System.Diagnostics;
using System.Globalization;
using Sharplet.Api;

namespace Sharplet.Bench;

// Runs the real `sharplet` executable with a batch of pods and reads its resident memory from /proc once they
// all run: what an operator would see in top.
internal static class MemoryProbe
{
    public static async Task<(double SteadyMb, double PeakMb)> MeasureAsync(string binary, string endpoint, string baseDir, int pods)
    {
        var manifests = Path.Combine(baseDir, "manifests");
        var root = Path.Combine(baseDir, "root");
        Directory.CreateDirectory(manifests);
        var config = Path.Combine(baseDir, "config.yaml");
        await File.WriteAllTextAsync(config, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodLogsDir: {Path.Combine(baseDir, "logs")}\n");
        for (var i = 0; i < pods; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(manifests, $"m{i}.yaml"), InProcessSharplet.Manifest($"m{i}"));
        }

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { binary, "--pod-manifest-path", manifests, "--container-runtime-endpoint", endpoint, "--root-dir", root,
                     "--hostname-override", "bench-memory", "--healthz-port", "0", "--config", config })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await RunningAsync(binary, root) < pods)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the sharplet process did not run {pods} pods within 2 minutes");
                }

                await Task.Delay(500);
            }

            // Steady state: a few resyncs and relists later.
            var samples = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                await Task.Delay(1000);
                samples.Add(RssMb(process.Id));
            }

            return (Stats.Median(samples), PeakMb(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<int> RunningAsync(string binary, string root)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { binary, "pods", "--root-dir", root, "-o", "json" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var json = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            return 0;
        }

        var list = KubeJson.Deserialize<PodList>(json, KubeJson.Lenient);
        return list?.Items?.Count(p => p.Status?.Phase == PodPhase.Running) ?? 0;
    }

    private static double RssMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    private static double PeakMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    private static long StatusKb(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
