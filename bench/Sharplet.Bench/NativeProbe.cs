using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Sharplet.Api;

namespace Sharplet.Bench;

// The shipped NativeAOT `sharplet` as its own process, as an operator runs it: exec → control socket answering,
// exec → first static pod reported Running, CPU and memory (RSS, and PSS from smaps_rollup) with one pod and
// with a batch, and SIGKILL → restart → every pod reported Running again with no container restarted.
// Pods are read through the control socket's GET /pods, as `sharplet pods` does.
internal sealed class NativeProbe(string binary, string endpoint, string baseDir, TimeSpan window)
{
    private readonly string manifests = Path.Combine(baseDir, "manifests");
    private readonly string root = Path.Combine(baseDir, "root");

    public async Task RunAsync(int batch)
    {
        Directory.CreateDirectory(manifests);
        var config = Path.Combine(baseDir, "config.yaml");
        await File.WriteAllTextAsync(config, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodLogsDir: {Path.Combine(baseDir, "logs")}\n");
        await File.WriteAllTextAsync(Path.Combine(manifests, "n0.yaml"), InProcessSharplet.Manifest("n0"));
        Console.WriteLine($"  binary {binary}: {new FileInfo(binary).Length / 1024.0 / 1024.0:0.0} MB");

        var process = Start(config);
        var exec = Stopwatch.GetTimestamp();
        try
        {
            var socket = await UntilAsync(() => Task.FromResult(SocketAnswers()), TimeSpan.FromSeconds(30), "the control socket");
            Console.WriteLine($"  exec -> control socket answering {Stats.Ms(Stopwatch.GetElapsedTime(exec, socket).TotalMilliseconds)}");
            var first = await UntilAsync(async () => (await RunningAsync()).Count >= 1, TimeSpan.FromSeconds(60), "the first static pod Running");
            Console.WriteLine($"  exec -> first static pod reported Running {Stats.Ms(Stopwatch.GetElapsedTime(exec, first).TotalMilliseconds)} (target <= 300 ms, upstream 709 ms)");

            // The first window starts at exec: start-up, the first sync and what settles afterwards.
            var cpu = await CpuOverAsync(process.Id, sinceExec: true, exec);
            Console.WriteLine($"  1 pod, first {window.TotalSeconds:0} s after exec: CPU {cpu:0.00} % of a core (target <= 1 %), {Memory(process.Id)}");

            for (var i = 1; i < batch; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(manifests, $"n{i}.yaml"), InProcessSharplet.Manifest($"n{i}"));
            }

            await UntilAsync(async () => (await RunningAsync()).Count >= batch, TimeSpan.FromMinutes(3), $"{batch} pods Running");
            cpu = await CpuOverAsync(process.Id, sinceExec: false, exec);
            Console.WriteLine($"  {batch} pods steady, {window.TotalSeconds:0} s: CPU {cpu:0.00} % of a core (target <= 1 %), {Memory(process.Id)} (target RSS <= 30 MB)");

            var before = await ContainerIdsAsync();
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();

            process = Start(config);
            exec = Stopwatch.GetTimestamp();
            var back = await UntilAsync(async () => (await RunningAsync()).Count >= batch, TimeSpan.FromMinutes(2), $"{batch} pods Running after SIGKILL");
            var after = await ContainerIdsAsync();
            var restarted = before.Count(id => !after.Contains(id));
            Console.WriteLine($"  SIGKILL with {batch} pods -> restart -> all {batch} reported Running {Stats.Ms(Stopwatch.GetElapsedTime(exec, back).TotalMilliseconds)} (target <= 400 ms), containers restarted {restarted} (must be 0)");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private Process Start(string config)
    {
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--pod-manifest-path", manifests, "--container-runtime-endpoint", endpoint, "--root-dir", root,
                     "--hostname-override", "bench-native", "--healthz-port", "0", "--config", config })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Polls every 2 ms: the figures are start-up latencies, and a coarser poll would be most of them.
    private static async Task<long> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the sharplet process did not reach {what} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(2);
        }

        return Stopwatch.GetTimestamp();
    }

    private bool SocketAnswers()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(Path.Combine(root, "sharplet.sock")));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<List<Pod>> PodsAsync()
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(root, "sharplet.sock")), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });
        try
        {
            var json = await client.GetStringAsync(new Uri("http://sharplet/pods"));
            return KubeJson.Deserialize<PodList>(json, KubeJson.Lenient)?.Items ?? [];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private async Task<List<Pod>> RunningAsync() =>
        (await PodsAsync()).Where(p => p.Status?.Phase == PodPhase.Running
            && p.Status.ContainerStatuses?.All(c => c.State?.Running is not null) == true).ToList();

    private async Task<HashSet<string>> ContainerIdsAsync() =>
        (await PodsAsync()).SelectMany(p => p.Status?.ContainerStatuses ?? []).Select(c => c.ContainerID ?? string.Empty).ToHashSet(StringComparer.Ordinal);

    // The process's CPU (user + system, from /proc/<pid>/stat) over one window: from exec (the process's whole
    // life, its ticks counted from zero) or from now.
    private async Task<double> CpuOverAsync(int pid, bool sinceExec, long exec)
    {
        var begin = sinceExec ? 0 : CpuTicks(pid);
        var beginAt = sinceExec ? exec : Stopwatch.GetTimestamp();
        var rest = window - Stopwatch.GetElapsedTime(beginAt);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        var seconds = Stopwatch.GetElapsedTime(beginAt).TotalSeconds;
        return (CpuTicks(pid) - begin) / 100.0 / seconds * 100;
    }

    private static long CpuTicks(int pid)
    {
        // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th (USER_HZ = 100).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static string Memory(int pid) =>
        $"RSS {Kb(pid, "status", "VmRSS:") / 1024.0:0.0} MB, PSS {Kb(pid, "smaps_rollup", "Pss:") / 1024.0:0.0} MB, peak RSS {Kb(pid, "status", "VmHWM:") / 1024.0:0.0} MB";

    private static long Kb(int pid, string file, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/{file}").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
