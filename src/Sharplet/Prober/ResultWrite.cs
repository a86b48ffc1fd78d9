using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// A change a probe worker makes to the results cache: a verdict for a container, or (Result null) forgetting
// it, which brings the kind's initial value back. Initial marks the kind's initial value stored for a new
// container: it is announced like any change (as upstream's results manager does) but is no verdict, so it is
// not logged as one (a readiness "Failure" that no probe ever found).
internal sealed record ResultWrite(string ContainerId, ProbeResult? Result, bool Initial = false);
