using Sharplet.Api;

namespace Sharplet.MirrorPods;

// One step towards "every static pod has exactly its mirror pod": delete a mirror (stale, orphaned or being
// deleted) and/or create one for a static pod.
internal sealed record MirrorPodAction(Pod? Delete, Pod? Create, string Why);
