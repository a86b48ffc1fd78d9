using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Logs;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Logs;

public sealed class ContainerLogTests : IAsyncLifetime
{
    private readonly Sharplet.Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("logs");
    private SharpletProcess agent = null!;

    public Task InitializeAsync()
    {
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        // stdout and stderr reach the log through separate pipes: the pause keeps their order certain.
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "talker.yaml"), new StaticPod("talker").GracePeriod(1)
            .Shell("main", "for i in 1 2 3 4 5; do echo line-$i; done; sleep 0.3; echo oops >&2; sleep 1; exit 1")
            .Busybox("quiet", "sleep", "3600")
            .ToYaml());
        agent = SharpletProcess.Start(settings, "--feature-gates", "ReduceDefaultCrashLoopBackOffDecay=true");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        agent.Dispose();
        await SharpletNode.RemoveEverythingAsync(settings);
    }

    [Fact]
    public async Task LogFiles_LiveUnderPodLogDirectoryByRestartCount_InCriFormat()
    {
        var pods = await SharpletProcess.WaitForPodsAsync(settings.RootDir, "main restarted", p => p.Count == 1
            && p[0].Status?.ContainerStatuses?.Single(c => c.Name == "main").RestartCount >= 1, TimeSpan.FromSeconds(60));
        var pod = pods[0];

        // Every instance the runtime still holds writes to <pod log dir>/<container>/<restart count>.log.
        var dir = Path.Combine(settings.PodLogsDir, $"default_{pod.Metadata!.Name}_{pod.Metadata.Uid}", "main");
        using var cri = new Sharplet.Cri.CriConnection(settings.ContainerRuntimeEndpoint, null, new Sharplet.Grpc.GrpcChannelOptions(), new Sharplet.Cri.CriTimeouts(), TimeProvider.System);
        var filter = new Sharplet.Cri.V1.ContainerFilter();
        filter.LabelSelector.Add("io.kubernetes.pod.uid", pod.Metadata.Uid);
        filter.LabelSelector.Add("io.kubernetes.container.name", "main");
        var instances = await cri.Runtime.ListContainersAsync(filter, CancellationToken.None);
        instances.Count.ShouldBeGreaterThanOrEqualTo(2);
        var oldest = instances.MinBy(c => c.Metadata.Attempt)!;
        foreach (var instance in instances)
        {
            var status = await cri.Runtime.ContainerStatusAsync(instance.Id, false, CancellationToken.None);
            status.Status.LogPath.ShouldBe(Path.Combine(dir, $"{instance.Metadata.Attempt}.log"));
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, $"{oldest.Metadata.Attempt}.log"));
        CriLogLine.TryParse(lines[0], out var first).ShouldBeTrue();
        first.Content.ShouldBe("line-1");
        first.Stream.ShouldBe("stdout");
        lines.ShouldContain(l => l.Contains(" stderr F oops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogsCommand_TailPreviousAndContainerChoice()
    {
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "main restarted", p => p.Count == 1
            && p[0].Status?.ContainerStatuses?.Single(c => c.Name == "main").RestartCount >= 1, TimeSpan.FromSeconds(60));
        var pod = $"talker-{settings.HostnameOverride}";

        var tail = await SharpletProcess.RunAsync("logs", pod, "-c", "main", "--tail", "2", "--previous", "--root-dir", settings.RootDir);
        var missingContainer = await SharpletProcess.RunAsync("logs", pod, "--root-dir", settings.RootDir);
        var unknownPod = await SharpletProcess.RunAsync("logs", "nobody", "--root-dir", settings.RootDir);

        tail.ExitCode.ShouldBe(0, tail.Output);
        tail.Output.ShouldBe("line-5\noops\n", tail.Output);
        missingContainer.ExitCode.ShouldBe(1);
        missingContainer.Output.ShouldContain("a container name must be specified for pod " + pod + ", choose one of: [main quiet]");
        unknownPod.ExitCode.ShouldBe(1);
        unknownPod.Output.ShouldContain("pod \"nobody\" does not exist in namespace \"default\"");
    }

    [Fact]
    public async Task PodsCommand_PrintsTheTableWithStatusAndRestarts()
    {
        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "main restarted", p => p.Count == 1
            && p[0].Status?.ContainerStatuses?.Single(c => c.Name == "main").RestartCount >= 1, TimeSpan.FromSeconds(60));

        var (code, output) = await SharpletProcess.RunAsync("pods", "--root-dir", settings.RootDir);

        code.ShouldBe(0);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("NAMESPACE   NAME");
        lines[1].ShouldContain($"talker-{settings.HostnameOverride}");
        lines[1].ShouldContain("10.88.");
        lines[1].ShouldMatch(@"\s(Running|Error|CrashLoopBackOff)\s");
    }

    [Fact]
    public async Task PodsCommand_NoAgent_SaysSoAndExitsNonZero()
    {
        var (code, output) = await SharpletProcess.RunAsync("pods", "--root-dir", "/var/tmp/sharplet-it/no-such-agent");

        code.ShouldBe(1);
        output.ShouldContain("no Sharplet is running with this root dir");
    }
}
