using Sharplet.KubeContainer;

namespace Sharplet.Pleg;

// Told each relist's duration and what it listed, as it completes (upstream's relist feeds
// kubelet_pleg_relist_duration_seconds, kubelet_pleg_last_seen_seconds, kubelet_running_pods and
// kubelet_running_containers); wired by the composition root so that Pleg does not depend on the server.
internal sealed class RelistObservers
{
    public static readonly RelistObservers None = new();

    public Action<TimeSpan, RuntimeSnapshot> Relisted { get; init; } = static (_, _) => { };
}
