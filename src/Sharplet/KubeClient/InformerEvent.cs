namespace Sharplet.KubeClient;

/// <summary>
/// One change seen by an informer. <see cref="Object"/> is the new state for Added and Modified, the last known
/// state for Deleted, and null only for <see cref="InformerEventType.Synced"/>.
/// </summary>
internal sealed record InformerEvent<T>(InformerEventType Type, T? Object)
    where T : class
{
    public static InformerEvent<T> Synced { get; } = new(InformerEventType.Synced, null);
}
