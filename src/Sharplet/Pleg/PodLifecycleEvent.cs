namespace Sharplet.Pleg;

internal sealed record PodLifecycleEvent(string PodUid, PodLifecycleEventType Type, string? ContainerId);
