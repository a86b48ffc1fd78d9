namespace Sharplet.Grpc;

internal sealed record GrpcChannelOptions
{
    // Upstream kubelet talks to the CRI with 16 MiB message limits; ListContainers on a busy node needs headroom.
    public int MaxReceiveMessageSize { get; init; } = 16 * 1024 * 1024;

    public int MaxSendMessageSize { get; init; } = 16 * 1024 * 1024;

    // Applied when a call passes no deadline of its own (upstream's --runtime-request-timeout is 2 minutes).
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    // HTTP/2 pings find a peer that vanished without closing the connection (a long-lived event stream
    // would otherwise wait forever).
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
