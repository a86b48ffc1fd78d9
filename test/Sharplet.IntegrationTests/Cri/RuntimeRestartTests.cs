using Grpc.Core;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Cri;

[CollectionDefinition(nameof(RuntimeRestartCollection), DisableParallelization = true)]
public sealed class RuntimeRestartCollection;

// Restarting containerd disturbs every other test that talks to it, so this collection runs alone.
[Collection(nameof(RuntimeRestartCollection))]
public sealed class RuntimeRestartTests(CriFixture cri) : IClassFixture<CriFixture>
{
    [Fact]
    public async Task RuntimeRestarted_SameFacadeReconnects_AndRunningSandboxSurvives()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var logRoot = Directory.CreateTempSubdirectory("sharplet-restart-").FullName;
        var sandboxConfig = TestPods.Sandbox("cri-restart", logRoot);
        var sandbox = await cri.Runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, timeout.Token);
        cri.Track(sandbox);
        var container = await cri.Runtime.CreateContainerAsync(sandbox, TestPods.Container("main", LocalNode.BusyboxImage, "sleep", "3600"), sandboxConfig, timeout.Token);
        await cri.Runtime.StartContainerAsync(container, timeout.Token);

        await LocalNode.RunScriptAsync("restart-runtime", timeout.Token);

        // The first call after the restart may meet the dead connection; the channel must dial again by itself.
        StatusResponse? status = null;
        RpcException? last = null;
        for (var attempt = 0; attempt < 50 && status is null; attempt++)
        {
            try
            {
                status = await cri.Runtime.StatusAsync(false, timeout.Token);
            }
            // Unavailable while nobody listens; then containerd's CRI plugin answers UNKNOWN "server is not
            // initialized yet" until it has loaded its state (the new client redials fast enough to see it).
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable
                || (ex.StatusCode == StatusCode.Unknown && ex.Status.Detail.Contains("not initialized", StringComparison.Ordinal)))
            {
                last = ex;
                await Task.Delay(100, timeout.Token);
            }
        }

        status.ShouldNotBeNull($"containerd never answered after its restart: {last?.Message}");
        var state = await cri.Runtime.ContainerStatusAsync(container, false, timeout.Token);
        state.Status.State.ShouldBe(ContainerState.ContainerRunning);
        (await cri.Runtime.ExecSyncAsync(container, ["true"], TimeSpan.FromSeconds(10), timeout.Token)).ExitCode.ShouldBe(0);
        Directory.Delete(logRoot, true);
    }
}
