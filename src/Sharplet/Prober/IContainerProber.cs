using Sharplet.Api;
using Sharplet.ProbeResults;

namespace Sharplet.Prober;

// Runs one probe against one container once (upstream prober.probe) and reports it as events.
internal interface IContainerProber
{
    // Success or Failure; null when the probe could not be run at all, whose verdict is thrown away.
    Task<ProbeResult?> ProbeAsync(
        ProbeKind kind, Probe probe, Pod pod, PodStatus status, Container container, string containerId, CancellationToken cancellationToken);
}
