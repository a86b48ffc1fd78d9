using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// A change a probe worker makes to the results cache: a verdict for a container, or (Result null) forgetting
// it, which brings the kind's initial value back.
internal sealed record ResultWrite(string ContainerId, ProbeResult? Result);
