using System.Threading.Channels;

namespace Sharplet.Pleg;

// The one stream of lifecycle events that the relisting and the runtime's event stream both write into and
// the sync loop reads. Bounded: when the sync loop falls behind, the oldest events are dropped, which is
// safe because every pod is also resynced periodically and each event only says "look at this pod again".
internal sealed class PlegEvents
{
    private readonly Channel<PodLifecycleEvent> channel = Channel.CreateBounded<PodLifecycleEvent>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<PodLifecycleEvent> Reader => channel.Reader;

    public void Publish(PodLifecycleEvent e) => channel.Writer.TryWrite(e);
}
