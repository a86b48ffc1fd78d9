using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sharplet.Api;

namespace Sharplet.Statuses;

// Holds the latest status of every pod the node runs, logs each transition in one line, and tells whoever
// reports statuses (the API status writer in connected mode) which pods changed.
internal sealed partial class StatusManager(ILogger<StatusManager> logger)
{
    private readonly ConcurrentDictionary<string, PodStatusEntry> entries = new(StringComparer.Ordinal);
    private readonly Lock subscribersGate = new();
    private SubscriberList subscribers = new([]);
    private long version;
    private TaskCompletionSource changedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // A new stream of the UIDs whose status changed (or was removed), in order, for one consumer (the API
    // status writer, the prober); the consumer reads the entry itself, so the latest always wins.
    public ChannelReader<string> Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (subscribersGate)
        {
            subscribers = new SubscriberList([.. subscribers.Items, channel.Writer]);
        }

        return channel.Reader;
    }

    // Completes at the next status change of any pod: a barrier to await instead of polling.
    public Task NextChange => Volatile.Read(ref changedSignal).Task;

    public PodStatusEntry? Get(string uid) => entries.GetValueOrDefault(uid);

    public IReadOnlyList<PodStatusEntry> All() => entries.Values.ToList();

    public void SetPodStatus(Pod pod, PodStatus status)
    {
        var uid = pod.Metadata!.Uid!;
        PodStatusEntry? previous;
        while ((previous = entries.GetValueOrDefault(uid)) is not null && SameStatus(previous.Status, status))
        {
            // The spec may have changed (a new pod object) while the status did not. Compare-and-swap: a
            // readiness result landing in between must not be overwritten by the older entry (nor its version
            // go backwards); then the status is compared again.
            if (entries.TryUpdate(uid, previous with { Pod = pod }, previous))
            {
                return;
            }
        }

        entries[uid] = new PodStatusEntry(pod, status, Interlocked.Increment(ref version));
        foreach (var line in StatusTransitions.Describe(previous?.Status, status))
        {
            LogTransition(logger, pod.Metadata.Namespace, pod.Metadata.Name, uid, line);
        }

        Publish(uid);
    }

    // A readiness probe's verdict applied to the current status at once (see ReadinessPatch); a status written
    // meanwhile by the pod's worker wins, and is computed from the same verdict anyway.
    public void SetContainerReadiness(string uid, string containerId, bool ready, DateTimeOffset now)
    {
        while (entries.TryGetValue(uid, out var entry))
        {
            if (ReadinessPatch.Apply(entry.Pod, entry.Status, containerId, ready, now) is not { } patched)
            {
                return;
            }

            if (entries.TryUpdate(uid, new PodStatusEntry(entry.Pod, patched, Interlocked.Increment(ref version)), entry))
            {
                foreach (var line in StatusTransitions.Describe(entry.Status, patched))
                {
                    LogTransition(logger, entry.Pod.Metadata?.Namespace, entry.Pod.Metadata?.Name, uid, line);
                }

                Publish(uid);
                return;
            }
        }
    }

    public void Remove(string uid)
    {
        if (entries.TryRemove(uid, out _))
        {
            Publish(uid);
        }
    }

    private void Publish(string uid)
    {
        foreach (var subscriber in Volatile.Read(ref subscribers).Items)
        {
            subscriber.TryWrite(uid);
        }

        Signal();
    }

    private void Signal() =>
        Interlocked.Exchange(ref changedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static bool SameStatus(PodStatus a, PodStatus b) => KubeJson.Serialize(a) == KubeJson.Serialize(b);

    private sealed record SubscriberList(ChannelWriter<string>[] Items);

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): {Transition}")]
    private static partial void LogTransition(ILogger logger, string? @namespace, string? pod, string? podUid, string transition);
}
