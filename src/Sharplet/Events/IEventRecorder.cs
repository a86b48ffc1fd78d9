using Sharplet.Api;

namespace Sharplet.Events;

// Kubernetes events about a pod (Pulling, Started, BackOff...). Standalone they go to the log; connected
// they are also posted to the API.
internal interface IEventRecorder
{
    void Record(Pod pod, string type, string reason, string message, string? fieldPath = null);
}
