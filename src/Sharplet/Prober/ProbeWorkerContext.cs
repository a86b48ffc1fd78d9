using Microsoft.Extensions.Logging;
using Sharplet.ProbeResults;
using Sharplet.Statuses;

namespace Sharplet.Prober;

// What every probe worker shares: where statuses come from, who runs probes, where verdicts go, and whom to
// tell when a verdict changed (the qualified container ID is the status's: "containerd://<id>").
internal sealed record ProbeWorkerContext(
    Func<string, PodStatusEntry?> Status,
    IContainerProber Prober,
    ProbeResultsCache Results,
    ProbeCounters Counters,
    Action<ProbeKey, string, ProbeResult> ResultChanged,
    TimeProvider Time,
    ILogger Logger);
