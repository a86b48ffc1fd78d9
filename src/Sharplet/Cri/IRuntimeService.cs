using Sharplet.Cri.V1;

namespace Sharplet.Cri;

// The CRI RuntimeService operations the kubelet uses. Every call carries a deadline (the channel's default or
// the one named here) and fails with an RpcException carrying the status code and the runtime's message.
internal interface IRuntimeService
{
    string Endpoint { get; }

    Task<VersionResponse> VersionAsync(CancellationToken cancellationToken);

    Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken);

    Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken);

    Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken);

    Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken);

    Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken);

    Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken);

    Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    // The runtime sends SIGTERM, waits up to timeoutSeconds, then SIGKILL; the RPC deadline allows for that wait.
    Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken);

    Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken);

    Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    // Exec, Attach and PortForward prepare a streaming session and return the URL of the runtime's streaming
    // server; the kubelet server proxies the client's upgraded connection to it.
    Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken);

    Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken);

    Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken);

    // containerd 1.6 answers UNIMPLEMENTED; callers fall back to the pod's cgroups.
    Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken);

    Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken);

    // The runtime's container event stream (CRI GetContainerEvents); runtimes that lack it answer UNIMPLEMENTED.
    IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(CancellationToken cancellationToken);
}
