using System.Threading.Channels;

namespace Sharplet.ProbeResults;

// The latest probe verdicts per container ID, as the sync decisions and the status need them. A container
// without a probe of a kind has the kind's neutral answer (no liveness probe: never failing).
internal interface IProbeResults
{
    ProbeResult Liveness(string containerId);

    ProbeResult Startup(string containerId);

    ProbeResult Readiness(string containerId);

    // Changed verdicts, in the order they were written; read by the sync loop only.
    ChannelReader<ProbeResultUpdate> Updates { get; }
}
