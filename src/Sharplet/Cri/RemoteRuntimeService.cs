using System.Runtime.CompilerServices;
using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

// The RuntimeService through the Grpc.Tools-generated client. Failures are RpcExceptions naming the endpoint
// and the RPC (CallNaming's words); the caller's cancellation is an OperationCanceledException. Each call is
// named here (RpcChannel.Named) rather than by the interceptor: see RpcChannel.Unnamed for why.
internal sealed class RemoteRuntimeService(RpcChannel channel, CriTimeouts timeouts) : IRuntimeService
{
    private readonly RuntimeService.RuntimeServiceClient client = new(channel.Unnamed);

    public string Endpoint => channel.Endpoint.ToString();

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        channel.Named(client.VersionAsync(new VersionRequest { Version = CriHandshake.ApiVersion }, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/Version", cancellationToken);

    public Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken) =>
        channel.Named(client.StatusAsync(new StatusRequest { Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/Status", cancellationToken);

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        // Sandbox creation includes CNI setup; upstream doubles the request timeout for it.
        var reply = await channel.Named(client.RunPodSandboxAsync(new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler ?? string.Empty }, channel.Call(timeouts.Request * 2, cancellationToken)), "runtime.v1.RuntimeService/RunPodSandbox", cancellationToken).ConfigureAwait(false);
        return reply.PodSandboxId;
    }

    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        channel.Named(client.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = podSandboxId }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/StopPodSandbox", cancellationToken);

    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken) =>
        channel.Named(client.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/RemovePodSandbox", cancellationToken);

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken) =>
        channel.Named(client.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/PodSandboxStatus", cancellationToken);

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await channel.Named(client.ListPodSandboxAsync(request, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/ListPodSandbox", cancellationToken).ConfigureAwait(false);
        return reply.Items;
    }

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var reply = await channel.Named(client.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/CreateContainer", cancellationToken).ConfigureAwait(false);
        return reply.ContainerId;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        channel.Named(client.StartContainerAsync(new StartContainerRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/StartContainer", cancellationToken);

    public Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken) =>
        channel.Named(client.StopContainerAsync(new StopContainerRequest { ContainerId = containerId, Timeout = timeoutSeconds }, channel.Call(timeouts.Request + TimeSpan.FromSeconds(Math.Max(0, timeoutSeconds)), cancellationToken)), "runtime.v1.RuntimeService/StopContainer", cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        channel.Named(client.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/RemoveContainer", cancellationToken);

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainersRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await channel.Named(client.ListContainersAsync(request, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/ListContainers", cancellationToken).ConfigureAwait(false);
        return reply.Containers;
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken) =>
        channel.Named(client.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = containerId, Verbose = verbose }, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/ContainerStatus", cancellationToken);

    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(timeout.TotalSeconds) };
        request.Cmd.AddRange(command);

        // The runtime enforces the command's own timeout; the RPC deadline only guards against a runtime that
        // does not answer at all.
        return channel.Named(client.ExecSyncAsync(request, channel.Call(timeout + timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/ExecSync", cancellationToken);
    }

    public async Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        (await channel.Named(client.ExecAsync(request, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/Exec", cancellationToken).ConfigureAwait(false)).Url;

    public async Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        (await channel.Named(client.AttachAsync(request, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/Attach", cancellationToken).ConfigureAwait(false)).Url;

    public async Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        (await channel.Named(client.PortForwardAsync(request, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/PortForward", cancellationToken).ConfigureAwait(false)).Url;

    public async Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListContainerStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await channel.Named(client.ListContainerStatsAsync(request, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/ListContainerStats", cancellationToken).ConfigureAwait(false)).Stats;
    }

    public async Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListPodSandboxStatsRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        return (await channel.Named(client.ListPodSandboxStatsAsync(request, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.RuntimeService/ListPodSandboxStats", cancellationToken).ConfigureAwait(false)).Stats;
    }

    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken) =>
        channel.Named(client.ReopenContainerLogAsync(new ReopenContainerLogRequest { ContainerId = containerId }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.RuntimeService/ReopenContainerLog", cancellationToken);

    public async IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = client.GetContainerEvents(new GetEventsRequest(), channel.Call(Timeout.InfiniteTimeSpan, cancellationToken));
        var stream = channel.Named(call.ResponseStream, "runtime.v1.RuntimeService/GetContainerEvents");
        while (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return stream.Current;
        }
    }
}
