using System.Threading.Channels;
using Sharplet.Api;

namespace Sharplet.Pods;

// The API's pods of this node as the pod informer holds them (mirror pods included), read-only: what the status
// writer and the mirror pod reconciler read of the API side, so both run on an in-memory API in tests. The
// store is updated before a change is streamed, so a subscriber reading Get after a change sees at least that
// object; it may lag the server (our own write shows up only when its watch event arrives).
internal interface IApiPodView
{
    // Completes after the first list: before it, an empty view means "not known yet", not "no pods".
    Task Synced { get; }

    // The API's current copy of the pod with that name, or null. A name may belong to another pod (another
    // UID) than the one asked about: callers compare the UID.
    Pod? Get(string? @namespace, string name);

    IReadOnlyList<Pod> All();

    // A new stream of every change, in order, for one consumer (subscribe before acting, so none is missed).
    ChannelReader<ApiPodChange> Subscribe();
}
