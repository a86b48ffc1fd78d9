namespace Sharplet.KubeClient;

/// <summary>What an informer tells its consumer.</summary>
internal enum InformerEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>The first list is complete: every event before this one is the initial state. Sent once.</summary>
    Synced,
}
