using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// One probe of one container of one pod: the identity of a probe worker (upstream probeKey).
internal readonly record struct ProbeKey(string PodUid, string ContainerName, ProbeKind Kind);
