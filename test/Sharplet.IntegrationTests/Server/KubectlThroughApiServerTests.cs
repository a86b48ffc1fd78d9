using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Server;

// The machine's kubectl against a real API server that proxies to the node's kubelet server: logs, exec,
// attach, port-forward, cp, stats and metrics, as an operator uses them on a new node.
[Collection(KubeletServerCollection.Name)]
public sealed partial class KubectlThroughApiServerTests(KubeletServerCluster cluster)
{
    private const string Ns = KubeletServerCluster.Namespace;

    private Kubectl Kubectl => cluster.Kubectl;

    [Fact]
    public async Task Logs_TailTimestampsSinceAndLimitBytes_AreUpstreams()
    {
        await WaitForLogLineAsync(5);
        var tail = Lines(await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main", "--tail", "3"));
        tail.Count.ShouldBe(3);
        tail.ShouldAllBe(l => l.StartsWith("line-", StringComparison.Ordinal));

        var stamped = Lines(await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main", "--tail", "1", "--timestamps"));
        stamped.Count.ShouldBe(1);
        stamped[0].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) line-\d+$");

        (await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main", "--since", "1h")).ShouldStartWith("first\n");
        var sinceNow = await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main", "--since-time", DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        sinceNow.ShouldNotContain("first");
        (await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main", "--limit-bytes", "5")).ShouldBe("first");
    }

    [Fact]
    public async Task LogsFollow_StreamsNewLines_AndEndsOnTheNodeWhenTheClientHangsUp()
    {
        var seen = await StreamUntilAsync(lines => lines.Count(l => l.StartsWith("line-", StringComparison.Ordinal)) >= 4, "-n", Ns, "logs", "-f", "talker", "-c", "main", "--tail", "1");
        var numbers = seen.Where(l => l.StartsWith("line-", StringComparison.Ordinal)).Select(l => int.Parse(l[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers.ShouldBe(numbers.Order().ToList());
        numbers.Distinct().Count().ShouldBe(numbers.Count);

        // kubectl is gone: the node's followed log ends too (no request stays in flight).
        await WaitForMetricAsync("/metrics", m => !InflightLogs().IsMatch(m) || InflightLogs().Matches(m).All(x => x.Groups[1].Value == "0"), "no followed containerLogs request in flight");
    }

    [Fact]
    public async Task LogsPrevious_ShowsTheLastInstance_AndUpstreamsTextWhenThereIsNone()
    {
        await WaitAsync(async () => int.TryParse(await Kubectl.OkAsync("-n", Ns, "get", "pod", "crasher", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"), out var n) && n >= 1,
            "pod crasher restarted at least once");
        (await Kubectl.OkAsync("-n", Ns, "logs", "crasher", "--previous")).ShouldStartWith("run-");

        var (code, _, stderr) = await Kubectl.RunAsync("-n", Ns, "logs", "talker", "-c", "main", "--previous");
        code.ShouldNotBe(0);
        stderr.ShouldContain("previous terminated container \"main\" in pod \"talker\" not found");
    }

    [Fact]
    public async Task Exec_CarriesTheExitCode_WithAndWithoutStdin()
    {
        var (code, stdout, stderr) = await Kubectl.RunAsync("-n", Ns, "exec", "talker", "-c", "main", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        (code, stdout, stderr.Contains("err\n", StringComparison.Ordinal)).ShouldBe((3, "out\n", true));

        (code, stdout, _) = await Kubectl.RunAsync("echo from-stdin; exit 7\n", TimeSpan.FromSeconds(60), "-n", Ns, "exec", "-i", "talker", "-c", "main", "--", "sh");
        (code, stdout).ShouldBe((7, "from-stdin\n"));
    }

    [Fact]
    public async Task ExecWithTty_RunsInATerminal_AndCarriesTheExitCode()
    {
        var (code, stdout, _) = await Kubectl.RunInTerminalAsync(TimeSpan.FromSeconds(60), "-n", Ns, "exec", "-it", "talker", "-c", "main", "--", "sh", "-c", "tty; exit 4");
        stdout.ShouldContain("/dev/pts/");
        code.ShouldBe(4);
    }

    [Fact]
    public async Task Attach_StreamsTheRunningContainersOutput()
    {
        var seen = await StreamUntilAsync(lines => lines.Count(l => l.StartsWith("line-", StringComparison.Ordinal)) >= 2, "-n", Ns, "attach", "talker", "-c", "main");
        seen.ShouldContain(l => l.StartsWith("line-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortForward_ReachesTheWebServerInThePod()
    {
        var port = SharpletNode.FreePort();
        var psi = Start("-n", Ns, "port-forward", "pod/talker", $"{port}:8080");
        using var process = Process.Start(psi)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            line.ShouldNotBeNull().ShouldContain("Forwarding from");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/index.html"))).ShouldBe("hello-from-web\n");
            (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/index.html"))).ShouldBe("hello-from-web\n");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Cp_CopiesFilesIntoAndOutOfTheContainer()
    {
        var dir = Directory.CreateTempSubdirectory("sharplet-cp-").FullName;
        var local = Path.Combine(dir, "in.txt");
        var content = $"copied-{Guid.NewGuid():N}\n";
        await File.WriteAllTextAsync(local, content);
        await Kubectl.OkAsync("cp", local, $"{Ns}/talker:/tmp/in.txt", "-c", "main");
        (await Kubectl.OkAsync("-n", Ns, "exec", "talker", "-c", "main", "--", "cat", "/tmp/in.txt")).ShouldBe(content);

        var back = Path.Combine(dir, "back.txt");
        await Kubectl.OkAsync("cp", $"{Ns}/talker:/tmp/in.txt", back, "-c", "main");
        (await File.ReadAllTextAsync(back)).ShouldBe(content);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task StatsSummary_ThroughTheProxy_HasPlausibleFigures()
    {
        await Kubectl.OkAsync("get", "--raw", $"/api/v1/nodes/{cluster.NodeName}/proxy/stats/summary");
        using var doc = JsonDocument.Parse(await Kubectl.OkAsync("get", "--raw", $"/api/v1/nodes/{cluster.NodeName}/proxy/stats/summary"));
        var node = doc.RootElement.GetProperty("node");
        node.GetProperty("nodeName").GetString().ShouldBe(cluster.NodeName);
        node.GetProperty("cpu").GetProperty("usageCoreNanoSeconds").GetUInt64().ShouldBeGreaterThan(0UL);
        node.GetProperty("cpu").GetProperty("usageNanoCores").GetUInt64().ShouldBeGreaterThan(0UL);
        var memory = node.GetProperty("memory");
        memory.GetProperty("workingSetBytes").GetUInt64().ShouldBeGreaterThan(0UL);
        memory.GetProperty("workingSetBytes").GetUInt64().ShouldBeLessThanOrEqualTo(memory.GetProperty("usageBytes").GetUInt64());
        var fs = node.GetProperty("fs");
        fs.GetProperty("usedBytes").GetUInt64().ShouldBeLessThan(fs.GetProperty("capacityBytes").GetUInt64());

        var talker = doc.RootElement.GetProperty("pods").EnumerateArray().Single(p => p.GetProperty("podRef").GetProperty("name").GetString() == "talker");
        talker.GetProperty("podRef").GetProperty("namespace").GetString().ShouldBe(Ns);
        talker.GetProperty("memory").GetProperty("workingSetBytes").GetUInt64().ShouldBeGreaterThan(0UL);
        talker.GetProperty("cpu").GetProperty("usageCoreNanoSeconds").GetUInt64().ShouldBeGreaterThan(0UL);
        talker.GetProperty("network").GetProperty("name").GetString().ShouldBe("eth0");
        var containers = talker.GetProperty("containers").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        containers.Keys.Order().ShouldBe(["main", "web"]);
        containers["main"].GetProperty("cpu").GetProperty("usageCoreNanoSeconds").GetUInt64().ShouldBeGreaterThan(0UL);
        containers["main"].GetProperty("memory").GetProperty("workingSetBytes").GetUInt64().ShouldBeGreaterThan(0UL);
        containers["main"].GetProperty("logs").GetProperty("usedBytes").GetUInt64().ShouldBeGreaterThan(0UL);
    }

    [Theory]
    [InlineData("/metrics", "kubelet_running_pods ")]
    [InlineData("/metrics/probes", "prober_probe_total{container=\"web\",namespace=\"ksrv\",pod=\"talker\"")]
    [InlineData("/metrics/resource", "container_cpu_usage_seconds_total{container=\"main\",namespace=\"ksrv\",pod=\"talker\"}")]
    public async Task MetricsEndpoints_ThroughTheProxy_PassPromtool(string path, string expected)
    {
        var text = await WaitForMetricAsync(path, m => m.Contains(expected, StringComparison.Ordinal), expected);
        var promtool = new ProcessStartInfo(File.Exists("/usr/bin/promtool") ? "/usr/bin/promtool" : "promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var (code, stdout, stderr) = await Kubectl.RunProcessAsync(promtool, text, TimeSpan.FromSeconds(30), $"promtool check metrics on {path}");
        (code, stdout + stderr).ShouldBe((0, string.Empty), $"promtool on {path}");
    }

    [Fact]
    public async Task Metrics_HaveTheUpstreamKubeletFamilies()
    {
        await Kubectl.OkAsync("-n", Ns, "exec", "talker", "-c", "main", "--", "true");
        var text = await Kubectl.OkAsync("get", "--raw", $"/api/v1/nodes/{cluster.NodeName}/proxy/metrics");
        text.ShouldContain($"kubelet_node_name{{node=\"{cluster.NodeName}\"}} 1\n");
        text.ShouldMatch(@"kubelet_running_pods [1-9]");
        text.ShouldContain("kubelet_running_containers{container_state=\"running\"}");
        text.ShouldContain("kubelet_runtime_operations_total{operation_type=\"exec\"}");
        text.ShouldContain("kubelet_runtime_operations_duration_seconds_bucket{operation_type=\"container_status\",le=\"+Inf\"}");
        text.ShouldContain("kubelet_started_pods_total ");
        text.ShouldContain("kubelet_started_containers_total{container_type=\"container\"}");
        text.ShouldContain("kubelet_pleg_relist_duration_seconds_count ");
        text.ShouldContain("kubelet_pleg_last_seen_seconds ");
        text.ShouldContain("kubelet_pod_worker_duration_seconds_count{operation_type=\"sync\"}");
        // Observed when each pod first ran (the family is there, at zero, before any).
        text.ShouldMatch(@"kubelet_pod_start_duration_seconds_count [1-9]");
        text.ShouldContain("kubelet_pod_worker_duration_seconds_count{operation_type=\"create\"}");
        text.ShouldContain("kubelet_runtime_operations_total{operation_type=\"image_status\"}");
        text.ShouldContain("kubelet_http_requests_total{long_running=\"true\",method=\"POST\",path=\"exec\",server_type=\"readwrite\"}");
        text.ShouldContain("process_resident_memory_bytes ");
    }

    private async Task<string> WaitForMetricAsync(string path, Func<string, bool> condition, string what)
    {
        string text = string.Empty;
        await WaitAsync(async () => condition(text = await Kubectl.OkAsync("get", "--raw", $"/api/v1/nodes/{cluster.NodeName}/proxy{path}")), $"{path} shows {what}");
        return text;
    }

    private async Task WaitForLogLineAsync(int n) =>
        await WaitAsync(async () => (await Kubectl.OkAsync("-n", Ns, "logs", "talker", "-c", "main")).Contains($"line-{n}\n", StringComparison.Ordinal), $"talker/main logged line-{n}");

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after 60 s waiting until {what}");
            }

            await Task.Delay(250);
        }
    }

    private ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Kubectl.Binary, args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["KUBECONFIG"] = cluster.Api.AdminKubeconfig;
        return psi;
    }

    // Runs kubectl until its output satisfies the condition, then hangs up on it (kills it).
    private async Task<List<string>> StreamUntilAsync(Func<List<string>, bool> done, params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var lines = new List<string>();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!done(lines))
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new InvalidOperationException($"kubectl {string.Join(' ', args)} ended after {lines.Count} lines: {await process.StandardError.ReadToEndAsync()}");
                lines.Add(line);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }

        return lines;
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [GeneratedRegex("kubelet_http_inflight_requests\\{long_running=\"true\",method=\"GET\",path=\"containerLogs\",server_type=\"readwrite\"\\} (\\d+)")]
    private static partial Regex InflightLogs();
}
