using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class AdoptionTests : IAsyncLifetime
{
    private readonly Sharplet.Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("adopt");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SharpletNode.RemoveEverythingAsync(settings);

    [Fact]
    public async Task KilledWithSigkill_RestartedSharpletAdoptsEveryPodWithoutRestartingAnything()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "steady.yaml"), Pod("steady", "sleep 3600"));
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "flaky.yaml"), Pod("flaky", "sleep 2; exit 1"));
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "two.yaml"), Pod("two", "sleep 3600", sidecar: true));

        IReadOnlyList<Pod> before;
        using (var first = SharpletProcess.Start(settings))
        {
            before = await SharpletProcess.WaitForPodsAsync(settings.RootDir, "all running, flaky restarted once", pods =>
                pods.Count == 3
                && pods.All(p => p.Status?.ContainerStatuses?.All(c => c.ContainerID is not null) == true)
                && Restarts(pods, "flaky") >= 1
                && pods.Where(p => !p.Metadata!.Name!.StartsWith("flaky", StringComparison.Ordinal)).All(p => p.Status!.Phase == PodPhase.Running), TimeSpan.FromSeconds(90));
            first.Kill();
        }

        using var second = SharpletProcess.Start(settings);
        var after = await SharpletProcess.WaitForPodsAsync(settings.RootDir, "the three pods adopted", pods =>
            pods.Count == 3 && pods.All(p => p.Status?.ContainerStatuses?.All(c => c.ContainerID is not null) == true), TimeSpan.FromSeconds(60));

        foreach (var name in new[] { "steady", "two" })
        {
            var was = Find(before, name);
            var now = Find(after, name);
            now.Metadata!.Uid.ShouldBe(was.Metadata!.Uid);
            foreach (var container in was.Status!.ContainerStatuses!.Concat(was.Status.InitContainerStatuses ?? []))
            {
                var same = now.Status!.ContainerStatuses!.Concat(now.Status.InitContainerStatuses ?? []).Single(c => c.Name == container.Name);
                same.ContainerID.ShouldBe(container.ContainerID, $"{name}/{container.Name} was restarted");
                same.RestartCount.ShouldBe(container.RestartCount);
            }
        }

        // The crash-looping pod keeps its count: it continues from where it was, never from zero.
        Restarts(after, "flaky").ShouldBeGreaterThanOrEqualTo(Restarts(before, "flaky"));
        second.Output.ShouldNotContain(l => l.Contains("Stopping pod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManifestRemovedWhileSharpletWasDown_PodIsStoppedAfterRestart()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "orphan.yaml"), Pod("orphan", "sleep 3600"));
        using (var first = SharpletProcess.Start(settings))
        {
            await SharpletProcess.WaitForPodsAsync(settings.RootDir, "orphan running", pods => pods.Any(p => p.Status?.Phase == PodPhase.Running), TimeSpan.FromSeconds(60));
            first.Kill();
        }

        File.Delete(Path.Combine(settings.StaticPodPath!, "orphan.yaml"));
        using var second = SharpletProcess.Start(settings);
        using var cri = new Sharplet.Cri.CriConnection(settings.ContainerRuntimeEndpoint, null, new Sharplet.Grpc.GrpcChannelOptions(), new Sharplet.Cri.CriTimeouts(), TimeProvider.System);
        var filter = new Sharplet.Cri.V1.PodSandboxFilter();
        filter.LabelSelector.Add("sharplet.io/node-name", settings.HostnameOverride);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cri.Runtime.ListPodSandboxAsync(filter, CancellationToken.None)).Count > 0)
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("the orphaned pod's sandbox was never removed");
            await Task.Delay(200);
        }
    }

    private static int Restarts(IReadOnlyList<Pod> pods, string name) => Find(pods, name).Status!.ContainerStatuses!.Sum(c => c.RestartCount);

    private static Pod Find(IReadOnlyList<Pod> pods, string name) => pods.Single(p => p.Metadata!.Name!.StartsWith(name + "-", StringComparison.Ordinal));

    private static string Pod(string name, string script, bool sidecar = false)
    {
        var pod = new StaticPod(name).GracePeriod(1);
        if (sidecar)
        {
            pod.Sidecar(StaticPod.BusyboxContainer("helper", "sleep", "3600"));
        }

        return pod.Shell("main", script).ToYaml();
    }
}
