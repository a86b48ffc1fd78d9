using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Server.Metrics;

// Upstream's instrumentedRuntimeService: every CRI call counted and timed by operation_type, failures counted
// apart; sandboxes and containers started feed kubelet_started_pods_total and kubelet_started_containers_total.
internal sealed class InstrumentedRuntimeService(IRuntimeService inner, KubeletMetrics metrics) : IRuntimeService
{
    private const string ContainerTypeLabel = "io.kubernetes.container.type";

    // The container type of a created container until it is started (an init container is "init_container").
    private readonly ConcurrentDictionary<string, string> createdTypes = new(StringComparer.Ordinal);

    public string Endpoint => inner.Endpoint;

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) => Measure("version", () => inner.VersionAsync(cancellationToken));

    public Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken) => Measure("status", () => inner.StatusAsync(verbose, cancellationToken));

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        metrics.StartedPods.Add(1);
        try
        {
            return await Measure("run_podsandbox", () => inner.RunPodSandboxAsync(config, runtimeHandler, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.StartedPodsErrors.Add(1);
            throw;
        }
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) => Measure("stop_podsandbox", () => inner.StopPodSandboxAsync(podSandboxId, cancellationToken));

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) => Measure("remove_podsandbox", () => inner.RemovePodSandboxAsync(podSandboxId, cancellationToken));

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken) =>
        Measure("podsandbox_status", () => inner.PodSandboxStatusAsync(podSandboxId, verbose, cancellationToken));

    public Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken) =>
        Measure("list_podsandbox", () => inner.ListPodSandboxAsync(filter, cancellationToken));

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var type = ContainerType(config);
        try
        {
            var id = await Measure("create_container", () => inner.CreateContainerAsync(podSandboxId, config, sandboxConfig, cancellationToken)).ConfigureAwait(false);
            createdTypes[id] = type;
            return id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.StartedContainers.Add(1, type);
            metrics.StartedContainersErrors.Add(1, "CreateContainerError", type);
            throw;
        }
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        var type = createdTypes.TryRemove(containerId, out var t) ? t : "container";
        metrics.StartedContainers.Add(1, type);
        try
        {
            await Measure("start_container", () => inner.StartContainerAsync(containerId, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.StartedContainersErrors.Add(1, "RunContainerError", type);
            throw;
        }
    }

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        Measure("stop_container", () => inner.StopContainerAsync(containerId, timeoutSeconds, cancellationToken));

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        createdTypes.TryRemove(containerId, out _);
        return Measure("remove_container", () => inner.RemoveContainerAsync(containerId, cancellationToken));
    }

    public Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken) =>
        Measure("list_containers", () => inner.ListContainersAsync(filter, cancellationToken));

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken) =>
        Measure("container_status", () => inner.ContainerStatusAsync(containerId, verbose, cancellationToken));

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        Measure("exec_sync", () => inner.ExecSyncAsync(containerId, command, timeout, cancellationToken));

    public Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) => Measure("exec", () => inner.ExecAsync(request, cancellationToken));

    public Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) => Measure("attach", () => inner.AttachAsync(request, cancellationToken));

    public Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        Measure("port_forward", () => inner.PortForwardAsync(request, cancellationToken));

    public Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken) =>
        Measure("list_container_stats", () => inner.ListContainerStatsAsync(filter, cancellationToken));

    public Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken) =>
        Measure("list_podsandbox_stats", () => inner.ListPodSandboxStatsAsync(filter, cancellationToken));

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken) =>
        Measure("reopen_container_log", () => inner.ReopenContainerLogAsync(containerId, cancellationToken));

    public async IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        metrics.RuntimeOperations.Add(1, "get_container_events");
        await foreach (var e in inner.GetContainerEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    private static string ContainerType(ContainerConfig config) =>
        (config.Labels.TryGetValue(ContainerTypeLabel, out var t) || config.Annotations.TryGetValue(ContainerTypeLabel, out t)) && t == "init"
            ? "init_container"
            : "container";

    private async Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.RuntimeOperations.Add(1, operation);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.RuntimeOperationErrors.Add(1, operation);
            throw;
        }
        finally
        {
            metrics.RuntimeOperationDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, operation);
        }
    }

    private Task<bool> Measure(string operation, Func<Task> call) => Measure<bool>(operation, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
