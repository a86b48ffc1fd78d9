using Sharplet.Cri.V1;

namespace Sharplet.Cri;

// The two conditions the CRI promises (RuntimeReady, NetworkReady), reduced to what the node status needs.
internal sealed record RuntimeConditions(bool RuntimeReady, bool NetworkReady, string? Problem)
{
    public const string RuntimeReadyType = "RuntimeReady";
    public const string NetworkReadyType = "NetworkReady";

    public bool AllReady => RuntimeReady && NetworkReady;

    public static RuntimeConditions From(StatusResponse status)
    {
        var runtime = status.Status?.Conditions.FirstOrDefault(c => c.Type == RuntimeReadyType);
        var network = status.Status?.Conditions.FirstOrDefault(c => c.Type == NetworkReadyType);
        var problems = new List<string>();
        if (runtime is not { Status: true })
        {
            problems.Add($"container runtime is down: {Describe(runtime)}");
        }

        if (network is not { Status: true })
        {
            problems.Add($"container runtime network not ready: {Describe(network)}");
        }

        return new RuntimeConditions(runtime?.Status ?? false, network?.Status ?? false, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static string Describe(RuntimeCondition? condition) => condition is null
        ? "condition not reported"
        : $"{condition.Reason}: {condition.Message}".Trim(' ', ':');
}
