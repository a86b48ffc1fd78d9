using Grpc.Core;
using ContainerState = Sharplet.Cri.V1.ContainerState;
using Sharplet.KubeContainer;
using Sharplet.Pleg;
using Sharplet.PodWorkers;
using Sharplet.Server.Metrics;
using Sharplet.Statuses;
using Sharplet.Tests.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Server.Metrics;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the core")]
// The families upstream records at the event (a pod's first Running status, each pod worker pass, each relist)
// hold their values without /metrics ever being scraped, on the core as the composition root wires it.
public sealed class EventTimeMetricsTests : IAsyncLifetime
{
    private readonly FakeCore core = FakeCore.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => core.DisposeAsync().AsTask();

    [Fact]
    public async Task PodStartDuration_ObservedOnceWhenThePodFirstRuns_FromItsFirstSeenTime_WithoutAScrape()
    {
        var metrics = core.Get<KubeletMetrics>();
        var pool = core.Get<PodWorkerPool>();
        // First seen 12 s ago on the fake clock, which does not move while the pod starts.
        pool.UpdatePod(PodStartLatencyTests.SeenPod(core.Time.GetUtcNow().AddSeconds(-12)));
        await FakeCore.UntilAsync(() => core.Get<StatusManager>().Get("uid-1")?.Status.Phase == "Running", "pod default/web Running");

        Render(metrics.PodStartDuration).ShouldContain("kubelet_pod_start_duration_seconds_count 1\n");
        Render(metrics.PodStartDuration).ShouldContain("kubelet_pod_start_duration_seconds_sum 12\n");
        Render(metrics.PodStartDuration).ShouldContain("kubelet_pod_start_duration_seconds_bucket{le=\"10\"} 0\n");
        Render(metrics.PodStartDuration).ShouldContain("kubelet_pod_start_duration_seconds_bucket{le=\"20\"} 1\n");

        // Later passes over the running pod are not starts.
        core.Time.Advance(TimeSpan.FromSeconds(30));
        pool.SyncPod("uid-1");
        await FakeCore.UntilAsync(() => Render(metrics.PodWorkerDuration).Contains("operation_type=\"sync\"", StringComparison.Ordinal), "pod default/web resynced");
        Render(metrics.PodStartDuration).ShouldContain("kubelet_pod_start_duration_seconds_count 1\n");
    }

    [Fact]
    public async Task PodWorkerDuration_NamesCreateUpdateSyncAndKill_AsUpstreamsSyncPodTypes()
    {
        var metrics = core.Get<KubeletMetrics>();
        var pool = core.Get<PodWorkerPool>();
        pool.UpdatePod(new PodBuilder().Container("app").Build());
        await UntilCountAsync(metrics, "create", 1);

        pool.UpdatePod(new PodBuilder().Container("app").Container("side").Build());
        await UntilCountAsync(metrics, "update", 1);

        pool.SyncPod("uid-1");
        await UntilCountAsync(metrics, "sync", 1);

        pool.RemovePod("uid-1", 0);
        await UntilCountAsync(metrics, "kill", 1);
        Count(metrics, "create").ShouldBe(1, "only the worker's first pass creates the pod");
    }

    [Fact]
    public async Task Relist_SetsRunningPodsContainersAndLastSeen_WithoutAScrape()
    {
        var metrics = core.Get<KubeletMetrics>();
        core.Get<PodWorkerPool>().UpdatePod(new PodBuilder().Container("app").Container("side").Build());
        await FakeCore.UntilAsync(() => core.Runtime.Containers().Count(c => c.State == ContainerState.ContainerRunning) == 2, "pod default/web: 2 containers running");

        await core.Get<GenericPleg>().RelistAsync(CancellationToken.None);

        Render(metrics.RunningPods).ShouldContain("kubelet_running_pods 1\n");
        var containers = Render(metrics.RunningContainers);
        containers.ShouldContain("kubelet_running_containers{container_state=\"running\"} 2\n");
        containers.ShouldContain("kubelet_running_containers{container_state=\"exited\"} 0\n");
        Render(metrics.PlegLastSeen).ShouldContain($"kubelet_pleg_last_seen_seconds {core.Time.GetUtcNow().ToUnixTimeSeconds()}\n");
        Render(metrics.PlegRelistDuration).ShouldContain("kubelet_pleg_relist_duration_seconds_count 1\n");
    }

    [Fact]
    public async Task StartedContainers_CountsEachAttempt_AndItsFailureByUpstreamsCode()
    {
        var metrics = core.Get<KubeletMetrics>();
        core.Runtime.ExitAfterStart("setup", TimeSpan.Zero, 0);
        core.Runtime.FailNext("CreateContainer", new RpcException(new Status(StatusCode.Unknown, "no space left")));
        core.Get<PodWorkerPool>().UpdatePod(new PodBuilder().Init("setup").Container("app").Build());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!core.Runtime.Containers().Any(c => c.Metadata.Name == "app" && c.State == ContainerState.ContainerRunning))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "pod default/web: container app running after the failed create");
            core.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var started = Render(metrics.StartedContainers);
        started.ShouldContain("kubelet_started_containers_total{container_type=\"init_container\"} 2\n", customMessage: started);
        started.ShouldContain("kubelet_started_containers_total{container_type=\"container\"} 1\n", customMessage: started);
        Render(metrics.StartedContainersErrors).ShouldContain(
            "kubelet_started_containers_errors_total{code=\"CreateContainerError\",container_type=\"init_container\"} 1\n");
    }

    [Fact]
    public void RelistMetrics_CountsOnlyThisNodesPods()
    {
        var metrics = new KubeletMetrics();
        var ready = new RuntimeSandbox { Id = "sb", Ready = true };
        var running = new RuntimeContainer { Id = "c", Name = "app", SandboxId = "sb", State = RuntimeContainerState.Running };
        var snapshot = new RuntimeSnapshot(
            new Dictionary<string, RuntimePodSummary>(StringComparer.Ordinal)
            {
                ["a"] = new("a", "a", "default", [ready], [running], "node-1"),
                ["b"] = new("b", "b", "default", [ready], [running], "node-2"),
            },
            DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        RelistMetrics.Record(metrics, "node-1", TimeSpan.FromMilliseconds(20), snapshot);

        Render(metrics.RunningPods).ShouldContain("kubelet_running_pods 1\n");
        Render(metrics.RunningContainers).ShouldContain("kubelet_running_containers{container_state=\"running\"} 1\n");
        Render(metrics.PlegLastSeen).ShouldContain("kubelet_pleg_last_seen_seconds 1800000000\n");
    }

    private static Task UntilCountAsync(KubeletMetrics metrics, string operation, long count) =>
        FakeCore.UntilAsync(() => Count(metrics, operation) >= count, $"pod default/web: a {operation} pass observed");

    // How many pod worker passes of this operation the histogram counted.
    internal static long Count(KubeletMetrics metrics, string operation)
    {
        var prefix = $"kubelet_pod_worker_duration_seconds_count{{operation_type=\"{operation}\"}} ";
        var line = Render(metrics.PodWorkerDuration).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Render(Metric metric)
    {
        var w = new ExpositionWriter();
        metric.WriteTo(w);
        return w.ToString();
    }
}
