using Sharplet.Api;
using Sharplet.Statuses;

namespace Sharplet.Server;

// A v1 PodList of the node's pods with the statuses it computed, sorted by namespace and name.
internal static class PodListing
{
    public static PodList Of(StatusManager statuses) => new()
    {
        ApiVersion = "v1",
        Kind = "PodList",
        Metadata = new ListMeta(),
        Items = statuses.All()
            .OrderBy(e => e.Pod.Metadata?.Namespace, StringComparer.Ordinal)
            .ThenBy(e => e.Pod.Metadata?.Name, StringComparer.Ordinal)
            .Select(e => new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = e.Pod.Metadata, Spec = e.Pod.Spec, Status = e.Status })
            .ToList(),
    };
}
