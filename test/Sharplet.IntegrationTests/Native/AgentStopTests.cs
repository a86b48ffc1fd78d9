using System.Text.Json;
using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Native;

// The shipped binary stopped as systemd (SIGTERM) or a terminal (Ctrl-C, SIGINT) stops it: one line saying so
// and that the pods keep running, exit 0, and the pod's sandbox still running in containerd afterwards. With
// --logging-format json every line it wrote parses, in upstream's shape.
public sealed class AgentStopTests : IAsyncLifetime
{
    private readonly Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("native-stop");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SharpletNode.RemoveEverythingAsync(settings);

    private string WritePod(string name)
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, name + ".yaml"), StaticPod.Sleeper(name)
            .With(c => c.ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["true"] }, PeriodSeconds = 1 })
            .ToYaml());
        return $"{name}-{settings.HostnameOverride}";
    }

    private async Task<Pod> WaitReadyAsync(string pod) =>
        (await SharpletProcess.WaitForPodsAsync(settings.RootDir, $"{pod} ready",
            p => p.Any(x => x.Metadata?.Name == pod && x.Status?.ContainerStatuses?.FirstOrDefault()?.Ready == true), TimeSpan.FromSeconds(60)))
        .Single(x => x.Metadata?.Name == pod);

    [Theory]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("INT", "SIGINT")]
    public async Task Signal_StopsTheAgentWithOneLine_ExitsZero_AndThePodKeepsRunning(string signal, string name)
    {
        var podName = WritePod("stay");
        using var sharplet = SharpletProcess.Start(settings);
        var pod = await WaitReadyAsync(podName);

        await sharplet.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(30));

        sharplet.ExitCode.ShouldBe(0, string.Join('\n', sharplet.Output));
        var lines = sharplet.Output.Where(l => l.Contains($"Received {name}", StringComparison.Ordinal)).ToList();
        lines.ShouldHaveSingleItem(string.Join('\n', sharplet.Output)).ShouldContain("the pods keep running");
        var sandbox = (await SharpletProcess.SandboxesOfPodAsync(settings.ContainerRuntimeEndpoint, pod.Metadata!.Uid!)).SingleOrDefault();
        sandbox.ShouldNotBeNull($"the sandbox of {podName} is gone after {name}");
        sandbox.State.ShouldBe(PodSandboxState.SandboxReady, $"{podName}'s sandbox after {name}");
    }

    // On a new root dir the kubelet server's first serving pair is made on the thread pool while the host starts
    // (an RSA 2048 key took 60-850 ms; the ECDSA P-256 key now well under a millisecond, so the window is mostly
    // the host's own start); a SIGTERM that arrives meanwhile cancels the rest of the start. That is a clean stop too: one
    // line, exit 0 (it once exited 1 with an unhandled OperationCanceledException).
    [Fact]
    public async Task Sigterm_WhileTheAgentIsStillStarting_StopsWithOneLine_ExitsZero()
    {
        using var sharplet = SharpletProcess.Start(settings);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!sharplet.Output.Any(l => l.Contains("Sharplet starting", StringComparison.Ordinal)))
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue($"no \"Sharplet starting\" line within 30 s:\n{string.Join('\n', sharplet.Output)}");
            await Task.Delay(5);
        }

        await sharplet.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30));

        sharplet.ExitCode.ShouldBe(0, string.Join('\n', sharplet.Output));
        sharplet.Output.Count(l => l.Contains("Received SIGTERM", StringComparison.Ordinal)).ShouldBe(1, string.Join('\n', sharplet.Output));
    }

    [Fact]
    public async Task JsonLoggingFormat_EveryLineParses_WithTsVMsgAndThePodsFields()
    {
        var podName = WritePod("json");
        using var sharplet = SharpletProcess.Start(settings, "--logging-format", "json");
        var pod = await WaitReadyAsync(podName);
        await sharplet.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30));

        var lines = sharplet.Output.Where(l => l.Length > 0).ToList();
        lines.Count.ShouldBeGreaterThan(2);
        var entries = lines.Select(l =>
        {
            try
            {
                return JsonDocument.Parse(l).RootElement;
            }
            catch (JsonException ex)
            {
                throw new ShouldAssertException($"not a JSON line: {l} ({ex.Message})");
            }
        }).ToList();
        entries.ShouldAllBe(e => e.ValueKind == JsonValueKind.Object && e.GetProperty("ts").ValueKind == JsonValueKind.Number && e.GetProperty("msg").ValueKind == JsonValueKind.String);

        // The pod's lines carry it as fields, and the readiness verdict found by the probe is one of them.
        var uid = pod.Metadata!.Uid!;
        static string? Field(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var about = entries.Where(e => Field(e, "podUid") == uid).ToList();
        about.ShouldNotBeEmpty(string.Join('\n', lines));
        foreach (var e in about)
        {
            (Field(e, "namespace"), Field(e, "pod")).ShouldBe(("default", podName), e.GetRawText());
        }

        about.Any(e => Field(e, "msg")!.Contains("Readiness probe of container main is now Success", StringComparison.Ordinal)).ShouldBeTrue(string.Join('\n', lines));
        var stop = entries.Single(e => Field(e, "msg")!.StartsWith("Received SIGTERM", StringComparison.Ordinal));
        stop.GetProperty("v").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ReadinessProbe_NeverLogsTheInitialFailure()
    {
        var podName = WritePod("probed");
        using var sharplet = SharpletProcess.Start(settings);
        await WaitReadyAsync(podName);
        await sharplet.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30));

        var probeLines = sharplet.Output.Where(l => l.Contains("Readiness probe of container main is now", StringComparison.Ordinal)).ToList();
        probeLines.ShouldHaveSingleItem(string.Join('\n', sharplet.Output)).ShouldContain("is now Success");
        probeLines[0].ShouldContain($"pod default/{podName} (");
    }
}
