using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Util;

namespace Sharplet.Pleg;

// Follows the runtime's container event stream (CRI GetContainerEvents) so that a container's exit reaches its
// pod worker within milliseconds instead of at the next relist. Runtimes without the stream (containerd 1.6)
// answer UNIMPLEMENTED: then this service says so once and leaves the relist alone in charge.
internal sealed partial class EventedPleg(
    IRuntimeService runtime,
    PlegEvents events,
    PlegOptions options,
    TimeProvider time,
    ILogger<EventedPleg> logger) : BackgroundService
{
    private readonly Backoff reconnect = new(new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.UseRuntimeEvents)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in runtime.GetContainerEventsAsync(stoppingToken).ConfigureAwait(false))
                {
                    reconnect.Reset("stream");
                    if (Translate(e) is { } translated)
                    {
                        events.Publish(translated);
                    }
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                LogNoEventStream(logger, runtime.Endpoint);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Any failure, not only RpcException (a connection torn down can surface as IOException): this
                // is a BackgroundService, and one that throws stops the host and with it every pod's worker.
                LogStreamBroken(logger, ex.Message);
            }

            await Task.Delay(reconnect.Next("stream"), time, stoppingToken).ConfigureAwait(false);
        }
    }

    internal static PodLifecycleEvent? Translate(ContainerEventResponse e)
    {
        var uid = e.PodSandboxStatus?.Metadata?.Uid;
        if (string.IsNullOrEmpty(uid))
        {
            return null;
        }

        var type = e.ContainerEventType switch
        {
            ContainerEventType.ContainerStartedEvent => PodLifecycleEventType.ContainerStarted,
            ContainerEventType.ContainerStoppedEvent => PodLifecycleEventType.ContainerDied,
            ContainerEventType.ContainerDeletedEvent => PodLifecycleEventType.ContainerRemoved,
            _ => PodLifecycleEventType.ContainerChanged,
        };

        // Sandbox events carry the sandbox ID as the container ID; the pod needs a look either way.
        return new PodLifecycleEvent(uid, type, e.ContainerId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime at {Endpoint} has no container event stream; pod changes are found by relisting")]
    private static partial void LogNoEventStream(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container event stream broke, reconnecting: {Error}")]
    private static partial void LogStreamBroken(ILogger logger, string error);
}
