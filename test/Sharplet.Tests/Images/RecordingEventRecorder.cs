using Sharplet.Api;
using Sharplet.Events;

namespace Sharplet.Tests.Images;

// The pod events a component recorded, with their field paths, in order.
internal sealed class RecordingEventRecorder : IEventRecorder
{
    private readonly Lock gate = new();
    private readonly List<RecordedEvent> events = [];

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public void Record(Pod pod, string type, string reason, string message, string? fieldPath = null)
    {
        lock (gate)
        {
            events.Add(new RecordedEvent(pod.Metadata?.Name ?? string.Empty, type, reason, message, fieldPath));
        }
    }
}

internal sealed record RecordedEvent(string Pod, string Type, string Reason, string Message, string? FieldPath);
