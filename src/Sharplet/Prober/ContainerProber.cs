using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Events;
using Sharplet.KubeContainer;
using Sharplet.ProbeResults;
using Sharplet.Prober.Handlers;

namespace Sharplet.Prober;

// Runs a probe's handler (upstream prober.runProbeWithRetries and probe): exec in the container, HTTP GET,
// TCP connect or gRPC health check against the pod IP, within timeoutSeconds. A probe that could not be run
// is tried up to 3 times. Every failed run is an Unhealthy event with the probe's output ("Liveness probe
// failed: ..."), a redirect not followed a ProbeWarning event, as upstream.
internal sealed partial class ContainerProber(
    ExecHandler exec, HttpGetHandler http, TcpSocketHandler tcp, GrpcHealthHandler grpc, IEventRecorder events, ILogger<ContainerProber> logger)
    : IContainerProber
{
    private const int MaxAttempts = 3;

    public async Task<ProbeResult?> ProbeAsync(
        ProbeKind kind, Probe probe, Pod pod, PodStatus status, Container container, string containerId, CancellationToken cancellationToken)
    {
        var outcome = HandlerOutcome.Errored("probe not run");
        for (var attempt = 0; attempt < MaxAttempts && outcome.Verdict == HandlerVerdict.Error; attempt++)
        {
            outcome = await RunOnceAsync(probe, pod, status, container, containerId, cancellationToken).ConfigureAwait(false);
        }

        var field = ContainerFieldPath.Of(pod, container.Name);
        switch (outcome.Verdict)
        {
            case HandlerVerdict.Success:
                return ProbeResult.Success;
            case HandlerVerdict.Warning:
                events.Record(pod, EventTypes.Warning, EventReasons.ProbeWarning, $"{kind} probe warning: {outcome.Output}", field);
                return ProbeResult.Success;
            case HandlerVerdict.Failure:
                LogFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, container.Name, kind, outcome.Output);
                events.Record(pod, EventTypes.Warning, EventReasons.Unhealthy, $"{kind} probe failed: {outcome.Output}", field);
                return ProbeResult.Failure;
            default:
                LogErrored(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, container.Name, kind, outcome.Error ?? string.Empty);
                events.Record(pod, EventTypes.Warning, EventReasons.Unhealthy, $"{kind} probe errored: {outcome.Error}", field);
                return null;
        }
    }

    private async Task<HandlerOutcome> RunOnceAsync(
        Probe probe, Pod pod, PodStatus status, Container container, string containerId, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        var podIp = status.PodIP ?? string.Empty;
        if (probe.Exec is { } action)
        {
            return await exec.RunAsync(containerId, ExpandStatic(action.Command ?? [], container), timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.HttpGet is { } get)
        {
            return await http.ProbeAsync(get, container, podIp, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.TcpSocket is { } socket)
        {
            int port;
            try
            {
                port = PortResolver.Resolve(socket.Port, container);
            }
            catch (PortResolutionException ex)
            {
                return HandlerOutcome.Errored(ex.Message);
            }

            var host = string.IsNullOrEmpty(socket.Host) ? podIp : socket.Host;
            return await tcp.RunAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.Grpc is { } health)
        {
            // Upstream always dials the pod IP: gRPC probes have no host field.
            return await grpc.RunAsync(podIp, health.Port, health.Service ?? string.Empty, timeout, cancellationToken).ConfigureAwait(false);
        }

        return HandlerOutcome.Errored($"missing probe handler for {PodFormat.Describe(pod)}:{container.Name}");
    }

    // Upstream ExpandContainerCommandOnlyStatic: $(VAR) from the container's literal env values only (an env
    // var set from a source expands to empty); the pod's downward API is not available to probes.
    internal static IReadOnlyList<string> ExpandStatic(IReadOnlyList<string> command, Container container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            env[variable.Name] = variable.Value ?? string.Empty;
        }

        return command.Select(part => VariableExpansion.Expand(part, name => env.GetValueOrDefault(name))).ToList();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): {Kind} probe of container {Container} failed: {Output}")]
    private static partial void LogFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, ProbeKind kind, string output);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): {Kind} probe of container {Container} could not run: {Error}")]
    private static partial void LogErrored(ILogger logger, string? @namespace, string? pod, string? podUid, string container, ProbeKind kind, string error);
}
