using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

internal sealed class RemoteRuntimeService(GrpcChannel channel, CriTimeouts timeouts) : IRuntimeService
{
    private const string Service = "/runtime.v1.RuntimeService/";

    public string Endpoint => channel.Endpoint.ToString();

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        Call("Version", new VersionRequest { Version = CriHandshake.ApiVersion }, VersionResponse.Parser, timeouts.Status, cancellationToken);

    public Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken) =>
        Call("Status", new StatusRequest { Verbose = verbose }, StatusResponse.Parser, timeouts.Status, cancellationToken);

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        // Sandbox creation includes CNI setup; upstream doubles the request timeout for it.
        var reply = await Call("RunPodSandbox", new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler ?? string.Empty },
            RunPodSandboxResponse.Parser, timeouts.Request * 2, cancellationToken).ConfigureAwait(false);
        return reply.PodSandboxId;
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        Call("StopPodSandbox", new StopPodSandboxRequest { PodSandboxId = podSandboxId }, StopPodSandboxResponse.Parser, timeouts.Request, cancellationToken);

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        Call("RemovePodSandbox", new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, RemovePodSandboxResponse.Parser, timeouts.Request, cancellationToken);

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken) =>
        Call("PodSandboxStatus", new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose },
            PodSandboxStatusResponse.Parser, timeouts.Status, cancellationToken);

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await Call("ListPodSandbox", request, ListPodSandboxResponse.Parser, timeouts.Status, cancellationToken).ConfigureAwait(false);
        return reply.Items;
    }

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var reply = await Call("CreateContainer",
            new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig },
            CreateContainerResponse.Parser, timeouts.Request, cancellationToken).ConfigureAwait(false);
        return reply.ContainerId;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Call("StartContainer", new StartContainerRequest { ContainerId = containerId }, StartContainerResponse.Parser, timeouts.Request, cancellationToken);

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        Call("StopContainer", new StopContainerRequest { ContainerId = containerId, Timeout = timeoutSeconds },
            StopContainerResponse.Parser, timeouts.Request + TimeSpan.FromSeconds(Math.Max(0, timeoutSeconds)), cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Call("RemoveContainer", new RemoveContainerRequest { ContainerId = containerId }, RemoveContainerResponse.Parser, timeouts.Request, cancellationToken);

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainersRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await Call("ListContainers", request, ListContainersResponse.Parser, timeouts.Status, cancellationToken).ConfigureAwait(false);
        return reply.Containers;
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken) =>
        Call("ContainerStatus", new ContainerStatusRequest { ContainerId = containerId, Verbose = verbose },
            ContainerStatusResponse.Parser, timeouts.Status, cancellationToken);

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) };
        request.Cmd.AddRange(command);

        // The runtime enforces the command's own timeout; the RPC deadline only guards against a runtime that
        // does not answer at all.
        return Call("ExecSync", request, ExecSyncResponse.Parser, timeout + timeouts.Request, cancellationToken);
    }

    public async Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        (await Call("Exec", request, ExecResponse.Parser, timeouts.Request, cancellationToken).ConfigureAwait(false)).Url;

    public async Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        (await Call("Attach", request, AttachResponse.Parser, timeouts.Request, cancellationToken).ConfigureAwait(false)).Url;

    public async Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        (await Call("PortForward", request, PortForwardResponse.Parser, timeouts.Request, cancellationToken).ConfigureAwait(false)).Url;

    public async Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainerStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await Call("ListContainerStats", request, ListContainerStatsResponse.Parser, timeouts.Status, cancellationToken).ConfigureAwait(false)).Stats;
    }

    public async Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await Call("ListPodSandboxStats", request, ListPodSandboxStatsResponse.Parser, timeouts.Status, cancellationToken).ConfigureAwait(false)).Stats;
    }

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken) =>
        Call("ReopenContainerLog", new ReopenContainerLogRequest { ContainerId = containerId }, ReopenContainerLogResponse.Parser, timeouts.Request, cancellationToken);

    public IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(CancellationToken cancellationToken) =>
        channel.ServerStreamingAsync(Service + "GetContainerEvents", new GetEventsRequest(), ContainerEventResponse.Parser,
            Timeout.InfiniteTimeSpan, cancellationToken);

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, Google.Protobuf.MessageParser<TResponse> parser, TimeSpan timeout, CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        channel.UnaryAsync(Service + method, request, parser, timeout, cancellationToken);
}
