namespace Sharplet.KubeClient;

/// <summary>Tuning of <see cref="KubeApiClient"/>; the defaults are the kubelet's.</summary>
internal sealed record KubeClientOptions
{
    /// <summary>kubeAPIQPS: sustained requests per second; zero or less disables the client-side limiter.</summary>
    public double Qps { get; init; } = 50;

    /// <summary>kubeAPIBurst: requests allowed at once before the QPS limit applies.</summary>
    public int Burst { get; init; } = 100;

    /// <summary>Deadline of a non-watch request, retries included. Watches use their own timers.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a 429 (or another answer with Retry-After) is retried, as client-go does.</summary>
    public int MaxRetryAfterAttempts { get; init; } = 10;

    /// <summary>Longest Retry-After honoured; a larger one is clamped so a bad header cannot stall the kubelet.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an idempotent GET that got a 5xx is retried.</summary>
    public int MaxServerErrorRetries { get; init; } = 3;

    /// <summary>First wait before retrying a 5xx GET; doubles per retry.</summary>
    public TimeSpan ServerErrorRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a user's tokenFile is re-read (client-go: one minute).</summary>
    public TimeSpan TokenFileRefreshPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TCP keepalive idle time and probe interval, so a dead peer is noticed by the kernel too.</summary>
    public TimeSpan TcpKeepAliveTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan TcpKeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 PING cadence and deadline while requests (watches) are open.</summary>
    public TimeSpan Http2PingDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Http2PingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// After the client certificate rotates, how long the connections opened with the old one keep serving the
    /// requests already on them before they are closed (watches then reconnect with the new certificate).
    /// </summary>
    public TimeSpan CertificateRotationDrain { get; init; } = TimeSpan.FromSeconds(60);

    public string UserAgent { get; init; } = "sharplet";
}
