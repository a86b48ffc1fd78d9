using System.Runtime.CompilerServices;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Server.Metrics;

// Upstream's instrumentedRuntimeService: every CRI call counted and timed by operation_type, failures counted
// apart; sandboxes run feed kubelet_started_pods_total (upstream counts them around createPodSandbox, which is
// this one call). Containers are counted by the starter (ContainerStartObservers), which knows the error code.
internal sealed class InstrumentedRuntimeService(IRuntimeService inner, KubeletMetrics metrics) : IRuntimeService
{
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

    public Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken) =>
        Measure("create_container", () => inner.CreateContainerAsync(podSandboxId, config, sandboxConfig, cancellationToken));

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Measure("start_container", () => inner.StartContainerAsync(containerId, cancellationToken));

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        Measure("stop_container", () => inner.StopContainerAsync(containerId, timeoutSeconds, cancellationToken));

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Measure("remove_container", () => inner.RemoveContainerAsync(containerId, cancellationToken));

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

    private Task<T> Measure<T>(string operation, Func<Task<T>> call) => metrics.Measure(operation, call);

    private Task<bool> Measure(string operation, Func<Task> call) => metrics.Measure(operation, call);
}
