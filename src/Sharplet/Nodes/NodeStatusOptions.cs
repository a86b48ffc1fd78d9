using Sharplet.Util;

namespace Sharplet.Nodes;

// Timing of registration and node status updates; the defaults are upstream kubelet's.
internal sealed record NodeStatusOptions
{
    // --register-node: without it the node must already exist, and status updates only patch it.
    public bool RegisterNode { get; init; } = true;

    // --register-with-taints: the taints of the Node Sharplet creates. As upstream, an existing node keeps its own.
    public IReadOnlyList<Api.Taint> RegisterWithTaints { get; init; } = [];

    // nodeStatusUpdateFrequency: how often the status is computed (and patched if it changed).
    public TimeSpan UpdateFrequency { get; init; } = TimeSpan.FromSeconds(10);

    // nodeStatusReportFrequency: the longest time between two patches when nothing changed.
    public TimeSpan ReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    // nodeStatusMaxImages: images reported in status.images (-1: all).
    public int MaxImages { get; init; } = 50;

    // Upstream's nodeStatusUpdateRetry: tries per update before waiting for the next period.
    public int UpdateRetries { get; init; } = 5;

    // Between the tries of one update (upstream retries at once; a short pause spares a struggling server).
    public BackoffPolicy RetryBackoff { get; init; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), Jitter: 0.5);

    // Upstream's registerWithAPIServer: 100 ms doubling to 7 s.
    public BackoffPolicy RegistrationBackoff { get; init; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(7), Jitter: 0.5);

    // How long the registration attempt made during start may take before start goes on without it (the API
    // server may be a static pod this very node is about to run).
    public TimeSpan StartupAttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
