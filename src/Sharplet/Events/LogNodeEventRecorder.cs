using Microsoft.Extensions.Logging;
using Sharplet.Pods;

namespace Sharplet.Events;

// Node events written to the log, at the level LogEventRecorder uses for pod events of the same type.
internal sealed partial class LogNodeEventRecorder(NodeContext node, ILogger<LogNodeEventRecorder> logger) : INodeEventRecorder
{
    public void Record(string type, string reason, string message)
    {
        if (type == EventTypes.Warning)
        {
            LogWarningEvent(logger, node.NodeName, reason, message);
        }
        else
        {
            LogNormalEvent(logger, node.NodeName, reason, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node}: {Reason}: {EventMessage}")]
    private static partial void LogWarningEvent(ILogger logger, string node, string reason, string eventMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "node {Node}: {Reason}: {EventMessage}")]
    private static partial void LogNormalEvent(ILogger logger, string node, string reason, string eventMessage);
}
