namespace Sharplet.Statuses;

// What the API status writer remembers of one pod between writes. Only the writer's loop touches it.
internal sealed class ApiStatusWriteState
{
    public PodStatusEntry? Last { get; set; }

    // The StatusManager version last known to be in the API.
    public long SentVersion { get; set; }

    // Our last successful write: the status the server answered, the resourceVersion it was made over and the
    // one it produced (the informer may deliver it later than the next change wants to compare).
    public Api.PodStatus? Written { get; set; }

    public string? WrittenOver { get; set; }

    public string? WrittenAs { get; set; }

    public bool Deleted { get; set; }
}
