using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Events;
using Sharplet.Grpc;
using Sharplet.Hooks;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// Stops one container as upstream's killContainer does: the preStop hook first, within the grace period; then
// StopContainer (SIGTERM, SIGKILL when the remaining grace runs out). A container always gets at least 2 s
// unless the caller forces a shorter grace.
internal sealed partial class ContainerKiller(
    IRuntimeService runtime, HookRunner hooks, IEventRecorder events, TimeProvider time, ILogger<ContainerKiller> logger)
{
    public const long MinimumGracePeriodSeconds = 2;

    public async Task KillAsync(
        Pod? pod, RuntimeContainer container, Container? spec, string reason, string podIp, long? gracePeriodOverride, CancellationToken cancellationToken)
    {
        var grace = GracePeriod(pod, container, spec, gracePeriodOverride);
        if (pod is not null)
        {
            events.Record(pod, EventTypes.Normal, EventReasons.Killing, $"Stopping container {container.Name}", FieldPath(spec, container));
        }

        LogKilling(logger, container.Name, container.Id, reason, grace);
        if (pod is not null && spec?.Lifecycle?.PreStop is { } preStop && container.State == RuntimeContainerState.Running)
        {
            var started = time.GetTimestamp();
            var error = await hooks.RunAsync(pod, spec, container.Id, preStop, podIp, TimeSpan.FromSeconds(grace), cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                events.Record(pod, EventTypes.Warning, EventReasons.FailedPreStopHook,
                    $"PreStopHook failed: {error}", FieldPath(spec, container));
            }

            grace -= (long)time.GetElapsedTime(started).TotalSeconds;
            if (grace < MinimumGracePeriodSeconds)
            {
                grace = MinimumGracePeriodSeconds;
            }
        }

        try
        {
            await runtime.StopContainerAsync(container.Id, grace, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException ex) when (ex.Code == GrpcStatusCode.NotFound)
        {
            // Already gone: what we wanted.
        }
    }

    internal static long GracePeriod(Pod? pod, RuntimeContainer container, Container? spec, long? gracePeriodOverride)
    {
        if (gracePeriodOverride is { } forced)
        {
            return Math.Max(0, forced);
        }

        long grace = pod?.Metadata?.DeletionGracePeriodSeconds
            ?? pod?.Spec?.TerminationGracePeriodSeconds
            ?? container.TerminationGracePeriodSeconds
            ?? 30;
        return Math.Max(MinimumGracePeriodSeconds, grace);
    }

    private static string FieldPath(Container? spec, RuntimeContainer container) => $"spec.containers{{{spec?.Name ?? container.Name}}}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Killing container {Container} ({ContainerId}): {Reason}; grace {GraceSeconds}s")]
    private static partial void LogKilling(ILogger logger, string container, string containerId, string reason, long graceSeconds);
}
