using System.Runtime.CompilerServices;
using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

// The RuntimeService through the Grpc.Tools-generated client. Failures are RpcExceptions naming the endpoint
// and the RPC (CallNaming); the caller's cancellation is an OperationCanceledException.
internal sealed class RemoteRuntimeService(RpcChannel channel, CriTimeouts timeouts) : IRuntimeService
{
    private readonly RuntimeService.RuntimeServiceClient client = new(channel.Invoker);

    public string Endpoint => channel.Endpoint.ToString();

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        client.VersionAsync(new VersionRequest { Version = CriHandshake.ApiVersion }, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync;

    public Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken) =>
        client.StatusAsync(new StatusRequest { Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync;

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        // Sandbox creation includes CNI setup; upstream doubles the request timeout for it.
        var reply = await client.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler ?? string.Empty }, channel.Call(timeouts.Request * 2, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.PodSandboxId;
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        client.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = podSandboxId }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        client.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken) =>
        client.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync;

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await client.ListPodSandboxAsync(request, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.Items;
    }

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var reply = await client.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.ContainerId;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        client.StartContainerAsync(new StartContainerRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        client.StopContainerAsync(new StopContainerRequest { ContainerId = containerId, Timeout = timeoutSeconds }, channel.Call(timeouts.Request + TimeSpan.FromSeconds(Math.Max(0, timeoutSeconds)), cancellationToken)).ResponseAsync;

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        client.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainersRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await client.ListContainersAsync(request, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.Containers;
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken) =>
        client.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId, Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync;

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) };
        request.Cmd.AddRange(command);

        // The runtime enforces the command's own timeout; the RPC deadline only guards against a runtime that
        // does not answer at all.
        return client.ExecSyncAsync(request, channel.Call(timeout + timeouts.Request, cancellationToken)).ResponseAsync;
    }

    public async Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        (await client.ExecAsync(request, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync.ConfigureAwait(false)).Url;

    public async Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        (await client.AttachAsync(request, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync.ConfigureAwait(false)).Url;

    public async Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        (await client.PortForwardAsync(request, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync.ConfigureAwait(false)).Url;

    public async Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainerStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await client.ListContainerStatsAsync(request, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync.ConfigureAwait(false)).Stats;
    }

    public async Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await client.ListPodSandboxStatsAsync(request, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync.ConfigureAwait(false)).Stats;
    }

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken) =>
        client.ReopenContainerLogAsync(new ReopenContainerLogRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public async IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = client.GetContainerEvents(new GetEventsRequest(), channel.Call(Timeout.InfiniteTimeSpan, cancellationToken));
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }
}
