using System.Net;
using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Cri;

public sealed class RuntimeServiceTests(CriFixture cri) : IClassFixture<CriFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string logRoot = Directory.CreateTempSubdirectory("sharplet-cri-logs-").FullName;
    private readonly CancellationTokenSource timeout = new(Patience);

    private CancellationToken Ct => timeout.Token;

    public void Dispose()
    {
        timeout.Dispose();
        Directory.Delete(logRoot, recursive: true);
    }

    [Fact]
    public async Task Handshake_LocalContainerd_SpeaksV1AndIsReady()
    {
        var info = await CriHandshake.ConnectAsync(cri.Runtime, Ct);

        info.Name.ShouldBe("containerd");
        info.ApiVersion.ShouldBe("v1");
        info.NodeInfoVersion.ShouldStartWith("containerd://");
        info.Conditions.RuntimeReady.ShouldBeTrue();
        info.Conditions.NetworkReady.ShouldBeTrue(info.Conditions.Problem);
    }

    [Fact]
    public async Task RunPodSandbox_WithCni_GetsPodIpAndIsReady()
    {
        var config = TestPods.Sandbox("cri-sandbox-ip", logRoot);

        var id = await cri.Runtime.RunPodSandboxAsync(config, string.Empty, Ct);
        cri.Track(id);
        var status = await cri.Runtime.PodSandboxStatusAsync(id, verbose: false, Ct);

        status.Status.State.ShouldBe(PodSandboxState.SandboxReady);
        status.Status.Metadata.Uid.ShouldBe(config.Metadata.Uid);
        IPAddress.TryParse(status.Status.Network.Ip, out var ip).ShouldBeTrue($"pod IP '{status.Status.Network.Ip}'");
        ip!.ToString().ShouldStartWith("10.88.");

        await cri.Runtime.StopPodSandboxAsync(id, Ct);
        (await cri.Runtime.PodSandboxStatusAsync(id, false, Ct)).Status.State.ShouldBe(PodSandboxState.SandboxNotready);
        await cri.Runtime.RemovePodSandboxAsync(id, Ct);
        var remaining = await cri.Runtime.ListPodSandboxAsync(new PodSandboxFilter { Id = id }, Ct);
        remaining.ShouldBeEmpty();
    }

    [Fact]
    public async Task ContainerLifecycle_CreateStartStopRemove_StatusFollowsEachStep()
    {
        var sandboxConfig = TestPods.Sandbox("cri-lifecycle", logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, Ct);
        cri.Track(sandbox);
        var config = TestPods.Container("app", LocalNode.BusyboxImage, "sh", "-c", "trap 'exit 3' TERM; while true; do sleep 0.1; done");

        var id = await cri.Runtime.CreateContainerAsync(sandbox, config, sandboxConfig, Ct);
        (await cri.Runtime.ContainerStatusAsync(id, false, Ct)).Status.State.ShouldBe(ContainerState.ContainerCreated);

        await cri.Runtime.StartContainerAsync(id, Ct);
        var running = (await cri.Runtime.ContainerStatusAsync(id, false, Ct)).Status;
        running.State.ShouldBe(ContainerState.ContainerRunning);
        running.StartedAt.ShouldBeGreaterThan(0);

        await cri.Runtime.StopContainerAsync(id, 10, Ct);
        var exited = (await cri.Runtime.ContainerStatusAsync(id, false, Ct)).Status;
        exited.State.ShouldBe(ContainerState.ContainerExited);
        exited.ExitCode.ShouldBe(3);

        await cri.Runtime.RemoveContainerAsync(id, Ct);
        var ex = await Should.ThrowAsync<RpcException>(() => cri.Runtime.ContainerStatusAsync(id, false, Ct));
        ex.StatusCode.ShouldBe(StatusCode.NotFound);
        ex.Message.ShouldContain("ContainerStatus");
        ex.Message.ShouldContain(LocalNode.RuntimeEndpoint);
    }

    [Fact]
    public async Task ListContainers_LabelFilter_ReturnsOnlyMatchingContainers()
    {
        var sandboxConfig = TestPods.Sandbox("cri-list", logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, Ct);
        cri.Track(sandbox);
        var first = TestPods.Container("first", LocalNode.BusyboxImage, "sleep", "3600");
        first.Labels["sharplet.test/role"] = "a";
        var second = TestPods.Container("second", LocalNode.BusyboxImage, "sleep", "3600");
        second.Labels["sharplet.test/role"] = "b";
        var a = await cri.Runtime.CreateContainerAsync(sandbox, first, sandboxConfig, Ct);
        await cri.Runtime.CreateContainerAsync(sandbox, second, sandboxConfig, Ct);

        var filter = new ContainerFilter { PodSandboxId = sandbox };
        filter.LabelSelector.Add("sharplet.test/role", "a");
        var listed = await cri.Runtime.ListContainersAsync(filter, Ct);

        listed.Select(c => c.Id).ShouldBe([a]);
        var sandboxFilter = new PodSandboxFilter();
        sandboxFilter.LabelSelector.Add("io.kubernetes.pod.uid", sandboxConfig.Metadata.Uid);
        (await cri.Runtime.ListPodSandboxAsync(sandboxFilter, Ct)).Select(s => s.Id).ShouldBe([sandbox]);
    }

    [Fact]
    public async Task ExecSync_ReturnsExitCodeAndBothStreams()
    {
        var (sandbox, id) = await StartLongRunningAsync("cri-exec");

        var ok = await cri.Runtime.ExecSyncAsync(id, ["sh", "-c", "echo out; echo err >&2"], TimeSpan.FromSeconds(10), Ct);
        var failed = await cri.Runtime.ExecSyncAsync(id, ["sh", "-c", "exit 7"], TimeSpan.FromSeconds(10), Ct);

        ok.ExitCode.ShouldBe(0);
        ok.Stdout.ToStringUtf8().ShouldBe("out\n");
        ok.Stderr.ToStringUtf8().ShouldBe("err\n");
        failed.ExitCode.ShouldBe(7);
        sandbox.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Container_WritesCriFormatLogFileUnderTheSandboxLogDirectory()
    {
        var sandboxConfig = TestPods.Sandbox("cri-logs", logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, Ct);
        cri.Track(sandbox);
        var config = TestPods.Container("printer", LocalNode.BusyboxImage, "sh", "-c", "echo hello; echo oops >&2");
        var id = await cri.Runtime.CreateContainerAsync(sandbox, config, sandboxConfig, Ct);

        await cri.Runtime.StartContainerAsync(id, Ct);
        await WaitForStateAsync(id, ContainerState.ContainerExited);

        var path = Path.Combine(sandboxConfig.LogDirectory, "printer", "0.log");
        (await cri.Runtime.ContainerStatusAsync(id, false, Ct)).Status.LogPath.ShouldBe(path);
        var lines = await File.ReadAllLinesAsync(path, Ct);
        lines.Length.ShouldBe(2);
        Sharplet.Logs.CriLogLine.TryParse(lines.Single(l => l.Contains(" stdout ", StringComparison.Ordinal)), out var stdout).ShouldBeTrue();
        stdout.Content.ShouldBe("hello");
        stdout.Partial.ShouldBeFalse();
        lines.ShouldContain(l => l.EndsWith(" stderr F oops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_ReportsRuntimeAndNetworkConditions()
    {
        var status = await cri.Runtime.StatusAsync(verbose: false, Ct);

        status.Status.Conditions.Select(c => c.Type).ShouldContain(RuntimeConditions.RuntimeReadyType);
        status.Status.Conditions.Select(c => c.Type).ShouldContain(RuntimeConditions.NetworkReadyType);
        RuntimeConditions.From(status).AllReady.ShouldBeTrue();
    }

    [Fact]
    public async Task CreateContainer_MissingImage_FailsNamingTheRpcAndImage()
    {
        var sandboxConfig = TestPods.Sandbox("cri-noimage", logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, Ct);
        cri.Track(sandbox);

        var ex = await Should.ThrowAsync<RpcException>(() => cri.Runtime.CreateContainerAsync(
            sandbox, TestPods.Container("x", "sharplet.invalid/nothing:1", "true"), sandboxConfig, Ct));

        ex.Status.Detail.ShouldContain("sharplet.invalid/nothing:1");
    }

    private async Task<(string Sandbox, string Container)> StartLongRunningAsync(string name)
    {
        var sandboxConfig = TestPods.Sandbox(name, logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, Ct);
        cri.Track(sandbox);
        var id = await cri.Runtime.CreateContainerAsync(sandbox, TestPods.Container("main", LocalNode.BusyboxImage, "sleep", "3600"), sandboxConfig, Ct);
        await cri.Runtime.StartContainerAsync(id, Ct);
        return (sandbox, id);
    }

    private async Task WaitForStateAsync(string id, ContainerState state)
    {
        while (true)
        {
            var status = await cri.Runtime.ContainerStatusAsync(id, false, Ct);
            if (status.Status.State == state)
            {
                return;
            }

            if (Ct.IsCancellationRequested)
            {
                throw new TimeoutException($"container {id} did not reach {state} within {Patience}; last state {status.Status.State}");
            }

            await Task.Delay(50, Ct);
        }
    }
}
