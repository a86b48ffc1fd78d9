using Microsoft.Extensions.Logging;
using Sharplet.Api;

namespace Sharplet.Events;

// Events written to the log: warnings at Warning level so an operator sees pulls failing and crash loops
// without an API server; normal events at Debug (the status transitions already tell that story).
internal sealed partial class LogEventRecorder(ILogger<LogEventRecorder> logger) : IEventRecorder
{
    public void Record(Pod pod, string type, string reason, string message, string? fieldPath = null)
    {
        if (type == EventTypes.Warning)
        {
            LogWarningEvent(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, reason, message);
        }
        else
        {
            LogNormalEvent(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, reason, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): {Reason}: {EventMessage}")]
    private static partial void LogWarningEvent(ILogger logger, string? @namespace, string? pod, string? podUid, string reason, string eventMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): {Reason}: {EventMessage}")]
    private static partial void LogNormalEvent(ILogger logger, string? @namespace, string? pod, string? podUid, string reason, string eventMessage);
}
