using Microsoft.Extensions.Logging;
using Sharplet.Api;

namespace Sharplet.Events;

// Events written to the log: warnings at Warning level so an operator sees pulls failing and crash loops
// without an API server; normal events at Debug (the status transitions already tell that story).
internal sealed partial class LogEventRecorder(ILogger<LogEventRecorder> logger) : IEventRecorder
{
    public void Record(Pod pod, string type, string reason, string message, string? fieldPath = null)
    {
        var name = $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";
        if (type == EventTypes.Warning)
        {
            LogWarningEvent(logger, name, reason, message);
        }
        else
        {
            LogNormalEvent(logger, name, reason, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Pod}: {Reason}: {EventMessage}")]
    private static partial void LogWarningEvent(ILogger logger, string pod, string reason, string eventMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Pod}: {Reason}: {EventMessage}")]
    private static partial void LogNormalEvent(ILogger logger, string pod, string reason, string eventMessage);
}
