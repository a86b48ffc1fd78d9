using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Sharplet.ProbeResults;

// The latest verdict of every probe, per container ID (upstream results.Manager). A probe that has not run yet
// answers its kind's initial value: liveness Success (a container is alive until proven otherwise), readiness
// Failure (not ready until proven), startup Unknown. Writers learn whether the verdict changed, and announce
// changes on the change stream (upstream's Updates channel), so only changes wake the pod's worker.
internal sealed class ProbeResultsCache : IProbeResults
{
    private readonly ConcurrentDictionary<(string ContainerId, ProbeKind Kind), ProbeResult> results = new();

    // Unbounded: a writer (a probe worker) must never wait for the sync loop; one entry per changed verdict.
    private readonly Channel<ProbeResultUpdate> updates = Channel.CreateUnbounded<ProbeResultUpdate>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ProbeResultUpdate> Updates => updates.Reader;

    public void Announce(ProbeResultUpdate update) => updates.Writer.TryWrite(update);

    public ProbeResult Liveness(string containerId) => Get(containerId, ProbeKind.Liveness);

    public ProbeResult Readiness(string containerId) => Get(containerId, ProbeKind.Readiness);

    public ProbeResult Startup(string containerId) => Get(containerId, ProbeKind.Startup);

    public ProbeResult Get(string containerId, ProbeKind kind) =>
        results.TryGetValue((containerId, kind), out var result) ? result : Initial(kind);

    // True when the stored verdict changed.
    public bool Set(string containerId, ProbeKind kind, ProbeResult result)
    {
        var previous = results.TryGetValue((containerId, kind), out var old) ? old : (ProbeResult?)null;
        results[(containerId, kind)] = result;
        return previous != result;
    }

    public void Remove(string containerId, ProbeKind kind) => results.TryRemove((containerId, kind), out _);

    public static ProbeResult Initial(ProbeKind kind) => kind switch
    {
        ProbeKind.Liveness => ProbeResult.Success,
        ProbeKind.Readiness => ProbeResult.Failure,
        _ => ProbeResult.Unknown,
    };
}
