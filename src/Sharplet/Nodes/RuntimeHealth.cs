using Sharplet.Cri.V1;

namespace Sharplet.Nodes;

// Upstream's runtimeState as the Ready condition reads it. A runtime Status answer with RuntimeReady=true is a
// "sync"; with no sync for SyncThreshold (upstream: 30 s) the runtime "is down". A not-ready condition is
// reported in upstream's words, e.g. "container runtime network not ready: NetworkReady=false
// reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized".
internal sealed class RuntimeHealth(TimeSpan syncThreshold)
{
    public const string RuntimeReadyType = "RuntimeReady";
    public const string NetworkReadyType = "NetworkReady";

    private readonly Lock gate = new();
    private DateTimeOffset? lastSync;
    private string? runtimeError;
    private string? networkError;

    public static TimeSpan DefaultSyncThreshold { get; } = TimeSpan.FromSeconds(30);

    // A Status answer. A failed Status call records nothing: the last sync ages instead, as upstream's does.
    public void Observed(StatusResponse status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var runtime = status.Status?.Conditions.FirstOrDefault(c => c.Type == RuntimeReadyType);
        var network = status.Status?.Conditions.FirstOrDefault(c => c.Type == NetworkReadyType);
        lock (gate)
        {
            networkError = network is { Status: true } ? null : $"container runtime network not ready: {Describe(network)}";
            runtimeError = runtime is { Status: true } ? null : $"container runtime not ready: {Describe(runtime)}";
            if (runtimeError is null)
            {
                lastSync = now;
            }
        }
    }

    // Upstream's order: the sync check, the health checks (the PLEG), then the runtime's own condition.
    public (IReadOnlyList<string> Runtime, IReadOnlyList<string> Network) Errors(DateTimeOffset now, string? plegProblem)
    {
        lock (gate)
        {
            var runtime = new List<string>();
            if (lastSync is not { } synced)
            {
                runtime.Add("container runtime status check may not have completed yet");
            }
            else if (synced + syncThreshold <= now)
            {
                runtime.Add("container runtime is down");
            }

            if (plegProblem is not null)
            {
                runtime.Add(plegProblem);
            }

            if (runtimeError is not null)
            {
                runtime.Add(runtimeError);
            }

            return (runtime, networkError is null ? [] : [networkError]);
        }
    }

    // Go's %v of upstream's *RuntimeCondition: "Type=false reason:R message:M", or <nil> when absent.
    private static string Describe(RuntimeCondition? condition) => condition is null
        ? "<nil>"
        : $"{condition.Type}={(condition.Status ? "true" : "false")} reason:{condition.Reason} message:{condition.Message}";
}
