using System.Collections.Concurrent;
using System.Diagnostics;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Bench;

// The runtime client with one addition: the monotonic time each StartContainer call returned, by container id.
// A start report can come no sooner than that, so the bench splits the report lag into the runtime's part
// (its own start time -> its reply) and Sharplet's (the reply -> the Running report).
internal sealed class StartStampingRuntime(IRuntimeService inner) : IRuntimeService
{
    public ConcurrentDictionary<string, long> StartReturned { get; } = new(StringComparer.Ordinal);

    public string Endpoint => inner.Endpoint;

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        await inner.StartContainerAsync(containerId, cancellationToken);
        StartReturned[containerId] = Stopwatch.GetTimestamp();
    }

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) => inner.VersionAsync(cancellationToken);

    public Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken) => inner.StatusAsync(verbose, cancellationToken);

    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken) =>
        inner.RunPodSandboxAsync(config, runtimeHandler, cancellationToken);

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) => inner.StopPodSandboxAsync(podSandboxId, cancellationToken);

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) => inner.RemovePodSandboxAsync(podSandboxId, cancellationToken);

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken) =>
        inner.PodSandboxStatusAsync(podSandboxId, verbose, cancellationToken);

    public Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken) =>
        inner.ListPodSandboxAsync(filter, cancellationToken);

    public Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken) =>
        inner.CreateContainerAsync(podSandboxId, config, sandboxConfig, cancellationToken);

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        inner.StopContainerAsync(containerId, timeoutSeconds, cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) => inner.RemoveContainerAsync(containerId, cancellationToken);

    public Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken) =>
        inner.ListContainersAsync(filter, cancellationToken);

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken) =>
        inner.ContainerStatusAsync(containerId, verbose, cancellationToken);

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.ExecSyncAsync(containerId, command, timeout, cancellationToken);

    public Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) => inner.ExecAsync(request, cancellationToken);

    public Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) => inner.AttachAsync(request, cancellationToken);

    public Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) => inner.PortForwardAsync(request, cancellationToken);

    public Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken) =>
        inner.ListContainerStatsAsync(filter, cancellationToken);

    public Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken) =>
        inner.ListPodSandboxStatsAsync(filter, cancellationToken);

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken) => inner.ReopenContainerLogAsync(containerId, cancellationToken);

    public IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(CancellationToken cancellationToken) => inner.GetContainerEventsAsync(cancellationToken);
}
