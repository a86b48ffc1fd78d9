using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.KubeRuntime;

// The issue's slow runtime (a pod of 500 containers: CreateContainer answers after its deadline, the worker
// retried, and containerd ended with 987 containers for 501) on the real containerd, made deterministic by a
// proxy that holds CreateContainer's answer past Sharplet's --runtime-request-timeout after containerd made the
// container. What the runtime made must be reconciled before the retry: each container exists once, and runs.
public sealed class TimedOutCreateTests : IAsyncLifetime
{
    private readonly Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("timed-out-create");
    private CriFaultProxy? proxy;

    public async Task InitializeAsync() =>
        proxy = await CriFaultProxy.StartAsync(settings.ContainerRuntimeEndpoint, Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "cri-proxy.sock"));

    public async Task DisposeAsync()
    {
        await proxy!.DisposeAsync();
        await SharpletNode.RemoveEverythingAsync(settings);
    }

    [Fact]
    public async Task CreateContainerAnsweredAfterItsDeadline_TheRuntimesContainerIsAdopted_NoDuplicateIsMade()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "slow.yaml"), new StaticPod("slow").GracePeriod(1)
            .Busybox("a", "sleep", "3600")
            .Busybox("b", "sleep", "3600")
            .Busybox("c", "sleep", "3600")
            .ToYaml());
        var timeout = TimeSpan.FromSeconds(2);
        proxy!.HoldAnswers(method => method == "CreateContainer" ? timeout * 2 : null);
        var direct = settings.ContainerRuntimeEndpoint;
        settings.ContainerRuntimeEndpoint = proxy.Endpoint;
        using var agent = SharpletProcess.Start(settings, "--runtime-request-timeout", "2s");
        settings.ContainerRuntimeEndpoint = direct;

        // Every create times out at first, so the start fails until the adopted containers are started.
        var held = proxy.HeldAsync(3);
        if (await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(60))) != held)
        {
            throw new TimeoutException($"slow: {proxy.Held} of 3 CreateContainer answers held past the deadline within 60s; agent exited: {agent.HasExited}; last: {string.Join(" | ", agent.Output.TakeLast(5))}");
        }

        proxy.HoldAnswers(_ => null);
        var pods = await SharpletProcess.WaitForPodsAsync(settings.RootDir, "slow running with its three containers", p =>
            p.Any(x => x.Metadata?.Name == $"slow-{settings.HostnameOverride}" && x.Status?.Phase == PodPhase.Running &&
                x.Status.ContainerStatuses?.Count(c => c.Ready == true || c.State?.Running is not null) == 3), TimeSpan.FromSeconds(90));
        var uid = pods.Single(x => x.Metadata?.Name == $"slow-{settings.HostnameOverride}").Metadata!.Uid!;

        using var cri = new Sharplet.Cri.CriConnection(direct, null, new Sharplet.Grpc.GrpcChannelOptions(), new Sharplet.Cri.CriTimeouts(), TimeProvider.System);
        var filter = new ContainerFilter();
        filter.LabelSelector.Add("io.kubernetes.pod.uid", uid);
        var containers = await cri.Runtime.ListContainersAsync(filter, CancellationToken.None);
        var made = string.Join(", ", containers.Select(c => $"{c.Metadata.Name}#{c.Metadata.Attempt}={c.State}"));
        containers.Count.ShouldBe(3, $"containerd holds {made}");
        containers.ShouldAllBe(c => c.State == Sharplet.Cri.V1.ContainerState.ContainerRunning, made);
        containers.ShouldAllBe(c => c.Metadata.Attempt == 0, made);
        agent.Output.ShouldContain(l => l.Contains("that the runtime created but never started, instead of creating another", StringComparison.Ordinal),
            string.Join('\n', agent.Output.TakeLast(30)));
    }
}
