using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Sharplet.Api;

namespace Sharplet.Bench;

// The shipped NativeAOT `sharplet` as its own process, as an operator runs it: exec → control socket answering,
// exec → first static pod reported Running, CPU and memory (RSS, and PSS from smaps_rollup) with one pod and
// with a batch, and SIGKILL → restart → every pod reported Running again with no container restarted.
// Starts are timed by the agent's own log of its pods turning Running (RunningLog); the rest reads pods through the
// control socket's GET /pods, as `sharplet pods` does.
internal sealed class NativeProbe(string binary, string endpoint, string baseDir, TimeSpan window)
{
    private readonly string manifests = Path.Combine(baseDir, "manifests");
    // The running agent's root dir (each first-pod round has its own).
    private string root = Path.Combine(baseDir, "root");

    // Untimed waits (pods gone, the batch Running) poll GET /pods this often: rarely enough not to load the agent.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(int batch, int firstPodRounds)
    {
        Directory.CreateDirectory(manifests);
        var config = Path.Combine(baseDir, "config.yaml");
        await File.WriteAllTextAsync(config, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodLogsDir: {Path.Combine(baseDir, "logs")}\n");
        Console.WriteLine($"  binary {binary}: {new FileInfo(binary).Length / 1024.0 / 1024.0:0.0} MB");

        // Exec -> control socket and -> first static pod Running, each round a new process on a new root dir; every
        // round but the last removes its pod and stops the agent, the last one goes on to the windows below.
        var sockets = new List<double>();
        var firsts = new List<double>();
        Process? process = null;
        var lastExec = 0L;
        try
        {
            for (var round = 1; ; round++)
            {
                await File.WriteAllTextAsync(Path.Combine(manifests, "n0.yaml"), InProcessSharplet.Manifest("n0"));
                var log = new RunningLog();
                process = Start(config, Path.Combine(baseDir, $"root-{round}"), log);
                var execAt = DateTime.Now;
                var exec = lastExec = Stopwatch.GetTimestamp();
                var socket = await UntilAsync(() => Task.FromResult(SocketAnswers()), TimeSpan.FromSeconds(30), "the control socket", TimeSpan.FromMilliseconds(1));
                sockets.Add(Stopwatch.GetElapsedTime(exec, socket).TotalMilliseconds);
                firsts.Add((await log.WhenAsync(1, TimeSpan.FromSeconds(60), "the first static pod Running") - execAt).TotalMilliseconds);
                if (round >= firstPodRounds)
                {
                    break;
                }

                File.Delete(Path.Combine(manifests, "n0.yaml"));
                await UntilAsync(async () => (await PodsAsync()).Count == 0, TimeSpan.FromSeconds(60), "its pod gone", Settle);
                await StopAsync(process);
                process = null;
            }

            Console.WriteLine($"  exec -> control socket answering: median {Stats.Ms(Stats.Median(sockets))} ({Stats.Ms(sockets.Min())}-{Stats.Ms(sockets.Max())}), n={sockets.Count}");
            Console.WriteLine($"  exec -> first static pod reported Running: median {Stats.Ms(Stats.Median(firsts))} ({Stats.Ms(firsts.Min())}-{Stats.Ms(firsts.Max())}), n={firsts.Count} (target <= 300 ms, upstream 709 ms)");

            // The first window starts at the last round's exec: start-up, the first sync and what settles afterwards.
            var cpu = await CpuOverAsync(process.Id, sinceExec: true, lastExec);
            Console.WriteLine($"  1 pod, first {window.TotalSeconds:0} s after exec: CPU {cpu:0.00} % of a core (target <= 1 %), {Memory(process.Id)}");

            for (var i = 1; i < batch; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(manifests, $"n{i}.yaml"), InProcessSharplet.Manifest($"n{i}"));
            }

            await UntilAsync(async () => (await RunningAsync()).Count >= batch, TimeSpan.FromMinutes(3), $"{batch} pods Running", Settle);
            cpu = await CpuOverAsync(process.Id, sinceExec: false, lastExec);
            Console.WriteLine($"  {batch} pods steady, {window.TotalSeconds:0} s: CPU {cpu:0.00} % of a core (target <= 1 %), {Memory(process.Id)} (target RSS <= 30 MB)");

            var before = await ContainerIdsAsync();
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();

            var restartLog = new RunningLog();
            process = Start(config, root, restartLog);
            var restartAt = DateTime.Now;
            var back = await restartLog.WhenAsync(batch, TimeSpan.FromMinutes(2), $"{batch} pods Running after SIGKILL");
            var after = await ContainerIdsAsync();
            var restarted = before.Count(id => !after.Contains(id));
            Console.WriteLine($"  SIGKILL with {batch} pods -> restart -> all {batch} reported Running {Stats.Ms((back - restartAt).TotalMilliseconds)} (target <= 400 ms), containers restarted {restarted} (must be 0)");
        }
        finally
        {
            if (process is not null)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private Process Start(string config, string rootDir, RunningLog log)
    {
        root = rootDir;
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--pod-manifest-path", manifests, "--container-runtime-endpoint", endpoint, "--root-dir", root,
                     "--hostname-override", "bench-native", "--healthz-port", "0", "--config", config })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => log.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // SIGKILL once its pods are gone: nothing of the agent's is left to clean up but its root dir.
    private static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static async Task<long> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan every)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the sharplet process did not reach {what} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(every);
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
