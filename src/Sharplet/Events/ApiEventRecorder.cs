using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.Events;

// Connected mode's recorder: every event is still logged as standalone does, and queued for the API. Never
// blocks: a pod worker recording an event only builds it and hands it to the sink's queue.
internal sealed class ApiEventRecorder(LogEventRecorder log, ApiEventSink sink, NodeContext node, TimeProvider time) : IEventRecorder
{
    public void Record(Pod pod, string type, string reason, string message, string? fieldPath = null)
    {
        log.Record(pod, type, reason, message, fieldPath);
        if (pod.Metadata?.Name is null)
        {
            return;
        }

        sink.Enqueue(EventFactory.Make(pod, type, reason, message, fieldPath, node.NodeName, time.GetUtcNow()));
    }
}
