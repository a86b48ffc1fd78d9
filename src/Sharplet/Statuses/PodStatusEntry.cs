using Sharplet.Api;

namespace Sharplet.Statuses;

// The latest status of a pod with a version that only grows: an API writer holding version N knows any
// status with a smaller version is stale.
internal sealed record PodStatusEntry(Pod Pod, PodStatus Status, long Version);
