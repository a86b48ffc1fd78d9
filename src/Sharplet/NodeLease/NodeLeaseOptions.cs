using Sharplet.Util;

namespace Sharplet.NodeLease;

// The node lease as upstream's kubelet keeps it: kube-node-lease/NODE, held by the node, renewed every quarter
// of its duration with up to 4% jitter.
internal sealed record NodeLeaseOptions(string NodeName, int DurationSeconds)
{
    public const string LeaseNamespace = "kube-node-lease";

    public string Namespace { get; init; } = LeaseNamespace;

    // Upstream's NodeLeaseRenewIntervalFraction.
    public double RenewIntervalFraction { get; init; } = 0.25;

    // wait.JitterUntil's factor in upstream's lease controller.
    public double JitterFactor { get; init; } = 0.04;

    // Upstream's maxUpdateRetries.
    public int MaxUpdateRetries { get; init; } = 5;

    // Upstream's backoffEnsureLease: 200 ms doubling to 7 s (it doubles its 100 ms before the first sleep).
    public BackoffPolicy EnsureBackoff { get; init; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(7), Jitter: 0.5);

    // Between update tries (upstream retries at once).
    public BackoffPolicy UpdateRetryBackoff { get; init; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Jitter: 0.5);

    public TimeSpan RenewInterval => TimeSpan.FromSeconds(DurationSeconds * RenewIntervalFraction);
}
