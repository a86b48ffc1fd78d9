using Sharplet.Pods;

namespace Sharplet.Events;

// Connected mode's node events: logged as standalone, and queued for the API like the pod events (same
// correlator and sink), about the Node object.
internal sealed class ApiNodeEventRecorder(LogNodeEventRecorder log, ApiEventSink sink, NodeContext node, TimeProvider time) : INodeEventRecorder
{
    public void Record(string type, string reason, string message)
    {
        log.Record(type, reason, message);
        sink.Enqueue(EventFactory.MakeForNode(node.NodeName, type, reason, message, time.GetUtcNow()));
    }
}
