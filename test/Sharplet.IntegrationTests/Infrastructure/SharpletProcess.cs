using System.Diagnostics;
using System.Net.Sockets;
using Sharplet.Api;
using Sharplet.Hosting;

namespace Sharplet.IntegrationTests.Infrastructure;

// The real `sharplet` executable in a process of its own, for what only a process can show: being killed
// with SIGKILL, and the command line and control socket as an operator uses them.
internal sealed class SharpletProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private SharpletProcess(Process process) => this.process = process;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return output.ToList();
            }
        }
    }

    public bool HasExited => process.HasExited;

    // Resident memory of the agent process (VmRSS), in bytes.
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    // The shipped executable: the NativeAOT sharplet that scripts/build-native publishes (scripts/test runs it
    // first), so a type the trimmer removed or a JSON context that misses one fails here, not on a node.
    // SHARPLET_BINARY names another one (a JIT sharplet.dll is run with dotnet, for debugging).
    public static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("SHARPLET_BINARY") is { Length: > 0 } chosen
                ? chosen
                : Path.Combine(LocalNode.RepoRoot, "artifacts", "sharplet", "sharplet");
            return File.Exists(path) ? path : throw new FileNotFoundException($"run scripts/build-native first: {path} is missing");
        }
    }

    // How to run Binary: itself, or a managed sharplet.dll through dotnet.
    internal static ProcessStartInfo StartInfo()
    {
        var binary = Binary;
        var managed = binary.EndsWith(".dll", StringComparison.Ordinal);
        var psi = new ProcessStartInfo(managed ? "dotnet" : binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed)
        {
            psi.ArgumentList.Add(binary);
        }

        return psi;
    }

    public static SharpletProcess Start(SharpletSettings settings, params string[] extraArgs)
    {
        var psi = StartInfo();
        foreach (var arg in new[]
        {
            "--pod-manifest-path", settings.StaticPodPath!,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint,
            "--root-dir", settings.RootDir,
            "--hostname-override", settings.HostnameOverride!,
            "--healthz-port", "0",
            "--file-check-frequency", "2s",
            "--address", "127.0.0.1",
            "--port", settings.KubeletPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(extraArgs))
        {
            psi.ArgumentList.Add(arg);
        }

        // podLogsDir is config-file-only upstream, so the test's log dir goes through a KubeletConfiguration.
        var config = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "kubelet-config.yaml");
        File.WriteAllText(config, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodLogsDir: {settings.PodLogsDir}\n");
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(config);

        var process = Process.Start(psi)!;
        var result = new SharpletProcess(process);
        process.OutputDataReceived += (_, e) => result.Add(e.Data);
        process.ErrorDataReceived += (_, e) => result.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var psi = StartInfo();
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    // The pods as the running agent reports them through its control socket (`sharplet pods -o json`).
    public static async Task<IReadOnlyList<Pod>> PodsAsync(string rootDir)
    {
        var (code, json) = await RunAsync("pods", "--root-dir", rootDir, "-o", "json");
        if (code != 0)
        {
            return [];
        }

        return KubeJson.Deserialize<PodList>(json, KubeJson.Lenient)?.Items ?? [];
    }

    public static async Task<IReadOnlyList<Pod>> WaitForPodsAsync(string rootDir, string what, Func<IReadOnlyList<Pod>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<Pod> pods = [];
        while (DateTime.UtcNow < deadline)
        {
            // Another process: its state can only be asked for, so this asks until the answer fits.
            pods = await PodsAsync(rootDir);
            if (condition(pods))
            {
                return pods;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the sharplet process never reported \"{what}\" within {timeout.TotalSeconds}s; last: " +
            string.Join(", ", pods.Select(p => $"{p.Metadata?.Name}={p.Status?.Phase}")));
    }

    public int ExitCode => process.ExitCode;

    // The sandboxes the runtime has for a pod (by its UID label): what outlives the agent.
    public static async Task<IReadOnlyList<Sharplet.Cri.V1.PodSandbox>> SandboxesOfPodAsync(string runtimeEndpoint, string uid)
    {
        using var cri = new Sharplet.Cri.CriConnection(runtimeEndpoint, null, new Sharplet.Grpc.GrpcChannelOptions(), new Sharplet.Cri.CriTimeouts(), TimeProvider.System);
        var filter = new Sharplet.Cri.V1.PodSandboxFilter();
        filter.LabelSelector.Add("io.kubernetes.pod.uid", uid);
        return await cri.Runtime.ListPodSandboxAsync(filter, CancellationToken.None);
    }

    // SIGTERM or SIGINT, as systemd's stop or Ctrl-C send them; waits for the exit (the agent's own deadline).
    public async Task SignalAndWaitAsync(string signal, TimeSpan timeout)
    {
        (await Command.RunAsync("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode.ShouldBe(0);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"sharplet did not exit within {timeout.TotalSeconds}s of {signal}; output: {string.Join('\n', Output.TakeLast(20))}");
        }
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }

    internal static bool SocketAnswers(string rootDir)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(Path.Combine(rootDir, "sharplet.sock")));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
