using System.Diagnostics;
using System.Text;
using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Config;

// The issue's corpus of hostile inputs against the real `sharplet` binary and the real containerd. Bad files are
// added one by one next to three good manifests and stay there; after each: the agent is up, the good pods
// run, a change to a good file is applied within the file check period (plus start-up slack), the agent's RSS
// stays within IdleBound of its idle RSS, and the problem is logged naming the file (and what is wrong).
public sealed class HostileManifestCorpusTests : IAsyncLifetime
{
    // What hostile manifests may add to an idle agent's resident memory: the issue's +20 MB. Measured on the native
    // binary: at most +4 MB (big.yaml); after a decode of a file over GcMemory.LargeInputBytes the agent gives its
    // memory back and sits below its first idle RSS (46-50 MB against 54). Before that, the files added up to +26 MB.
    private const long IdleBoundBytes = 20L * 1024 * 1024;
    private static readonly TimeSpan Applied = TimeSpan.FromSeconds(2 + 10);
    private readonly SharpletSettings settings = SharpletNode.DefaultSettings("hostile");
    private int revision;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SharpletNode.RemoveEverythingAsync(settings);

    private static string Good(string name, int rev = 0) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  annotations: {{rev: \"{rev}\"}}\nspec:\n  terminationGracePeriodSeconds: 1\n" +
        "  containers:\n  - name: main\n    image: busybox\n    imagePullPolicy: IfNotPresent\n    command: [sleep, \"3600\"]\n";

    private string Manifest(string file) => Path.Combine(settings.StaticPodPath!, file);

    // Every file appears whole (written under a dot name, which the source ignores, then renamed): a multi-MB file
    // written in place can be read half-written, and half of many.yaml is 455 valid pods, not a refused file.
    private void Write(string file, string text) => WriteBytes(file, Encoding.UTF8.GetBytes(text));

    private void WriteBytes(string file, byte[] bytes, long length = -1)
    {
        var temp = Manifest("." + file + ".tmp");
        using (var stream = File.Create(temp))
        {
            stream.Write(bytes);
            if (length >= 0)
            {
                stream.SetLength(length);
            }
        }

        File.Move(temp, Manifest(file), overwrite: true);
    }

    private static bool Running(IReadOnlyList<Pod> pods, string name, int? rev = null) => pods.Any(p =>
        p.Metadata!.Name!.StartsWith(name + "-", StringComparison.Ordinal) && p.Status?.Phase == PodPhase.Running &&
        (rev is null || p.Metadata.Annotations?.GetValueOrDefault("rev") == rev.ToString()));

    private static bool GoodRunning(IReadOnlyList<Pod> pods) => Running(pods, "good-a") && Running(pods, "good-b") && Running(pods, "good-c");

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
    }

    private static async Task WaitForLogAsync(SharpletProcess agent, string what, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!agent.Output.Any(match))
        {
            agent.HasExited.ShouldBeFalse($"the agent exited while waiting for {what}:\n{string.Join('\n', agent.Output.TakeLast(20))}");
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no log line for {what} within {timeout.TotalSeconds}s; last: {string.Join(" | ", agent.Output.TakeLast(5))}");
            }

            await Task.Delay(100);
        }
    }

    // After one more bad input: still up, still running the good pods, still applying a change to good-c.
    private async Task AssertHealthyAsync(SharpletProcess agent, string bad, string expected, long idle, List<string> measured)
    {
        var path = Manifest(bad);
        await WaitForLogAsync(agent, $"the problem of {bad}", l => l.Contains(path, StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var rev = ++revision;
        Write("good-c.yaml", Good("good-c", rev));
        var applied = Stopwatch.StartNew();
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, $"good-c rev {rev} listed after {bad}", pods =>
            pods.Any(p => p.Metadata!.Name!.StartsWith("good-c-", StringComparison.Ordinal) && p.Metadata.Annotations?.GetValueOrDefault("rev") == rev.ToString()), Applied);
        var listedAfter = applied.Elapsed;
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, $"the good pods running after {bad}", pods => GoodRunning(pods) && Running(pods, "good-c", rev), TimeSpan.FromSeconds(60));

        agent.HasExited.ShouldBeFalse();
        var rss = agent.ResidentBytes();
        measured.Add($"{bad}: RSS {rss / (1024 * 1024)} MB (idle {idle / (1024 * 1024)} MB), good-c change listed after {listedAfter.TotalSeconds:0.0}s");
        rss.ShouldBeLessThan(idle + IdleBoundBytes, string.Join('\n', measured));
    }

    [Fact]
    public async Task EveryHostileInput_AgentStaysUp_GoodPodsRunAndChange_RssStaysBounded_ProblemNamesTheFile()
    {
        foreach (var name in new[] { "good-a", "good-b", "good-c" })
        {
            Write($"{name}.yaml", Good(name));
        }

        using var agent = SharpletProcess.Start(settings);
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "the three good pods running", GoodRunning, TimeSpan.FromSeconds(120));
        var idle = agent.ResidentBytes();
        var measured = new List<string>();

        var depth = $"nesting deeper than {InputLimits.MaxDepth} levels";
        Write("deep.json", new StringBuilder().Insert(0, "{\"a\":", 20_000).Append('1').Append('}', 20_000).ToString());
        await AssertHealthyAsync(agent, "deep.json", depth, idle, measured);

        Write("deep.yaml", new string('[', 30_000) + new string(']', 30_000));
        await AssertHealthyAsync(agent, "deep.yaml", depth, idle, measured);

        MakeFifo(Manifest("fifo.yaml"));
        await AssertHealthyAsync(agent, "fifo.yaml", "is a FIFO, not a regular file", idle, measured);

        File.CreateSymbolicLink(Manifest("zero.yaml"), "/dev/zero");
        await AssertHealthyAsync(agent, "zero.yaml", "is a symlink to /dev/zero, a character device", idle, measured);

        WriteBytes("big.yaml", Encoding.UTF8.GetBytes(Good("big") + "    env:\n"), 10 * 1024 * 1024);

        await AssertHealthyAsync(agent, "big.yaml", "is 10485760 bytes, over the limit", idle, measured);

        // About 2 MB: under the file limit, so the value-count limit is what refuses it while parsing.
        Write("env.yaml", Good("env") + "    env:\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"    - {{name: E{i}}}\n")));
        await AssertHealthyAsync(agent, "env.yaml", $"has more than {InputLimits.MaxNodesPerDocument} values", idle, measured);

        Write("wide.yaml", Good("wide").Replace("  containers:\n", "  containers:\n" + string.Concat(Enumerable.Range(0, 499).Select(i => $"  - {{name: c{i}, image: busybox}}\n")), StringComparison.Ordinal));
        await AssertHealthyAsync(agent, "wide.yaml", $"spec.containers: Too many: 500: must have at most {InputLimits.MaxContainersPerPod} items", idle, measured);

        WriteBytes("utf8.yaml", [.. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x"), 0xff, (byte)'\n']);
        await AssertHealthyAsync(agent, "utf8.yaml", "is not valid UTF-8: invalid byte 0xff at line 4", idle, measured);

        Write("many.yaml", string.Concat(Enumerable.Range(0, 10_000).Select(i => "---\n" + Good($"many-{i}"))));
        await AssertHealthyAsync(agent, "many.yaml", $"more than {InputLimits.MaxDocumentsPerFile} documents in one file", idle, measured);

        // Inputs that are fine: they run (BOM, CRLF) or are nothing (empty, comments only), and report nothing.
        WriteBytes("bom.yaml", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Good("bom").ReplaceLineEndings("\r\n"))]);
        Write("empty.yaml", string.Empty);
        Write("comments.yaml", "# nothing yet\n# really nothing\n");
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "the BOM+CRLF pod running", pods => Running(pods, "bom") && GoodRunning(pods), TimeSpan.FromSeconds(60));
        agent.Output.ShouldNotContain(l => l.Contains(Manifest("empty.yaml"), StringComparison.Ordinal) || l.Contains(Manifest("comments.yaml"), StringComparison.Ordinal) || l.Contains(Manifest("bom.yaml"), StringComparison.Ordinal));

        // A file replaced (renamed over) and rewritten in place, again and again while the agent reads it: the
        // last version wins once the writes stop.
        for (var i = 1; i <= 40; i++)
        {
            if (i % 2 == 0)
            {
                File.WriteAllText(Manifest(".racer.tmp"), Good("racer", i));
                File.Move(Manifest(".racer.tmp"), Manifest("racer.yaml"), overwrite: true);
            }
            else
            {
                await using var inPlace = new FileStream(Manifest("racer.yaml"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                var bytes = Encoding.UTF8.GetBytes(Good("racer", i));
                await inPlace.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await inPlace.FlushAsync();
                await Task.Delay(10);
                await inPlace.WriteAsync(bytes.AsMemory(bytes.Length / 2));
            }

            await Task.Delay(25);
        }

        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "racer's last version running", pods => Running(pods, "racer", 40) && GoodRunning(pods), TimeSpan.FromSeconds(60));

        // The folder goes away (its pods go, as upstream) and comes back with every file in it: the good pods run again.
        var moved = settings.StaticPodPath + ".away";
        Directory.Move(settings.StaticPodPath!, moved);
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "no static pods while the folder is gone", pods => pods.Count == 0, TimeSpan.FromSeconds(30));
        Directory.Move(moved, settings.StaticPodPath!);
        var back = Stopwatch.StartNew();
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "the good pods back with the folder", GoodRunning, TimeSpan.FromSeconds(60));
        measured.Add($"folder back: good pods running after {back.Elapsed.TotalSeconds:0.0}s");
        await AssertHealthyAsync(agent, "deep.json", depth, idle, measured);
        agent.HasExited.ShouldBeFalse();

        // The crash-loop guard: the agent is killed and started again with every hostile file still in place (the
        // inputs that once took it down at every start). It comes up, reports each file, runs the good pods again
        // (adopted, not restarted) and applies a change.
        agent.Kill();
        using var restarted = SharpletProcess.Start(settings);
        var problems = new (string File, string Expected)[]
        {
            ("deep.json", depth), ("deep.yaml", depth), ("fifo.yaml", "is a FIFO, not a regular file"),
            ("zero.yaml", "is a symlink to /dev/zero, a character device"), ("big.yaml", "is 10485760 bytes, over the limit"),
            ("env.yaml", $"has more than {InputLimits.MaxNodesPerDocument} values"), ("wide.yaml", "spec.containers: Too many: 500"),
            ("utf8.yaml", "is not valid UTF-8"), ("many.yaml", $"more than {InputLimits.MaxDocumentsPerFile} documents in one file"),
        };
        foreach (var (file, expected) in problems)
        {
            await WaitForLogAsync(restarted, $"the problem of {file} after the restart",
                l => l.Contains(Manifest(file), StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        }

        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "the good pods running after the restart with every hostile file", GoodRunning, TimeSpan.FromSeconds(60));
        var restartedIdle = restarted.ResidentBytes();
        measured.Add($"restarted with every hostile file: RSS {restartedIdle / (1024 * 1024)} MB");
        await AssertHealthyAsync(restarted, "deep.yaml", depth, idle, measured);
        restarted.HasExited.ShouldBeFalse();
        Console.WriteLine(string.Join('\n', measured));
    }

    [Fact]
    public async Task KubeconfigThatIsADirectory_StopsTheStartWithOneSentenceNamingIt()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "kubeconfig")).FullName;

        var (code, output) = await SharpletProcess.RunAsync(
            "--kubeconfig", dir, "--pod-manifest-path", settings.StaticPodPath!, "--root-dir", settings.RootDir,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint, "--hostname-override", settings.HostnameOverride!, "--healthz-port", "0");

        code.ShouldBe(1, output);
        output.ShouldContain($"Cannot read kubeconfig {dir} (it is a directory, not a regular file");
    }

    [Fact]
    public async Task ConfigFileWithAOneMegabyteValue_StopsTheStartWithOneSentenceNamingIt()
    {
        var config = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "big-config.yaml");
        File.WriteAllText(config, $"apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nproviderID: \"{new string('x', 1024 * 1024)}\"\n");

        var (code, output) = await SharpletProcess.RunAsync(
            "--config", config, "--pod-manifest-path", settings.StaticPodPath!, "--root-dir", settings.RootDir,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint, "--hostname-override", settings.HostnameOverride!, "--healthz-port", "0");

        code.ShouldBe(2, output); // a configuration error, as for a bad flag
        output.ShouldContain($"config file {config}: is {new FileInfo(config).Length} bytes, over the limit of {InputLimits.MaxConfigFileBytes} bytes");
    }
}
