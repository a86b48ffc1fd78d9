using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Events;
using Sharplet.Hooks;
using Sharplet.KubeContainer;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// Stops one container as upstream's killContainer does: the grace period (the pod's deletion grace, else the
// failed probe's own terminationGracePeriodSeconds, else the pod's), the preStop hook within it, then
// StopContainer with what is left (the runtime sends SIGTERM, and SIGKILL when that runs out). Whatever the
// hook took, the container gets at least 2 s after SIGTERM.
internal sealed partial class ContainerKiller(
    IRuntimeService runtime, HookRunner hooks, IEventRecorder events, TimeProvider time, ILogger<ContainerKiller> logger)
{
    public const long MinimumGracePeriodSeconds = 2;

    public async Task KillAsync(
        Pod? pod, RuntimeContainer container, Container? spec, string message, KillReason reason, string podIp, long? gracePeriodOverride,
        CancellationToken cancellationToken)
    {
        var grace = GracePeriod(pod, container, spec, reason);
        var field = ContainerFieldPath.Of(pod, spec?.Name ?? container.Name);
        if (pod is not null)
        {
            events.Record(pod, EventTypes.Normal, EventReasons.Killing, message.Length > 0 ? message : $"Stopping container {container.Name}", field);
        }

        if (gracePeriodOverride is { } forced)
        {
            grace = forced;
        }

        if (pod is not null && spec?.Lifecycle?.PreStop is { } preStop && grace > 0 && container.State == RuntimeContainerState.Running)
        {
            grace -= await RunPreStopAsync(pod, container, spec, preStop, podIp, grace, field, cancellationToken).ConfigureAwait(false);
        }

        // Always a minimal shutdown window, so a container that handles SIGTERM is not SIGKILLed for nothing.
        if (grace < MinimumGracePeriodSeconds)
        {
            grace = MinimumGracePeriodSeconds;
        }

        LogKilling(logger, pod?.Metadata?.Namespace, pod?.Metadata?.Name, pod?.Metadata?.Uid, container.Name, container.Id, message, grace);
        try
        {
            await runtime.StopContainerAsync(container.Id, grace, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // Already gone: what we wanted.
        }
    }

    // Upstream setTerminationGracePeriod. A container without its pod (an orphan) has the pod's grace period
    // from its annotation, as upstream restores it from the container's labels.
    internal static long GracePeriod(Pod? pod, RuntimeContainer container, Container? spec, KillReason reason)
    {
        if (pod is null)
        {
            return container.TerminationGracePeriodSeconds ?? MinimumGracePeriodSeconds;
        }

        if (pod.Metadata?.DeletionGracePeriodSeconds is { } deletion)
        {
            return deletion;
        }

        if (pod.Spec?.TerminationGracePeriodSeconds is not { } podGrace)
        {
            return MinimumGracePeriodSeconds;
        }

        var probe = reason switch
        {
            KillReason.LivenessProbe => spec?.LivenessProbe,
            KillReason.StartupProbe => spec?.StartupProbe,
            _ => null,
        };
        return probe?.TerminationGracePeriodSeconds ?? podGrace;
    }

    // Runs the preStop hook for at most the grace period and returns the whole seconds it took (upstream
    // truncates too), which the container does not get again after SIGTERM.
    private async Task<long> RunPreStopAsync(
        Pod pod, RuntimeContainer container, Container spec, LifecycleHandler preStop, string podIp, long grace, string field, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limit = TimeSpan.FromSeconds(grace);
        using var deadline = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var error = await hooks.RunAsync(pod, spec, container.Id, preStop, podIp, limit, linked.Token).ConfigureAwait(false);
            if (error is not null)
            {
                // The event leaves the hook's output out, as upstream does: it may hold secrets.
                events.Record(pod, EventTypes.Warning, EventReasons.FailedPreStopHook, "PreStopHook failed", field);
                LogPreStopFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, container.Name, container.Id, error);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogPreStopOutlived(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, container.Name, container.Id, grace);
        }
#pragma warning disable CA1031 // Whatever the hook did, the container must still be stopped.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            events.Record(pod, EventTypes.Warning, EventReasons.FailedPreStopHook, "PreStopHook failed", field);
            LogPreStopFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, container.Name, container.Id, ex.Message);
        }

        return (long)time.GetElapsedTime(started).TotalSeconds;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): killing container {Container} ({ContainerId}) with a grace period of {GraceSeconds}s: {Reason}")]
    private static partial void LogKilling(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, string reason, long graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): preStop hook of container {Container} ({ContainerId}) failed: {Error}")]
    private static partial void LogPreStopFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): preStop hook of container {Container} ({ContainerId}) did not complete within the grace period of {GraceSeconds}s")]
    private static partial void LogPreStopOutlived(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, long graceSeconds);
}
