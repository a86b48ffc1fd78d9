using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>What an informer watches and its timers.</summary>
internal sealed record InformerOptions
{
    /// <summary>Null: all namespaces (or a cluster-scoped kind).</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    /// <summary>For the kubelet's pods: spec.nodeName=&lt;node&gt;.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Items per LIST page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Each watch asks the server to end it after a random time in [Min, Max) (upstream: 5–10 min), spreading reconnects.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch that receives no bytes for this long is presumed dead and restarted. Null: the watch's own server
    /// timeout plus <see cref="IdleMargin"/>, so a healthy quiet watch is always ended by the server first.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    public TimeSpan IdleMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch that ends sooner than this with no event counts as a failure, so a server that closes at once cannot spin us.</summary>
    public TimeSpan MinHealthyWatch { get; init; } = TimeSpan.FromSeconds(1);

    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Default;
}
