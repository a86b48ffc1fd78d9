using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// The SocketsHttpHandler of a <see cref="KubeApiClient"/>: client certificate, CA check, and keepalives at both
/// layers so a watch on a silently dead connection is noticed (kubernetes-client/csharp#884): TCP keepalive
/// probes from the kernel, and HTTP/2 PINGs while requests are open.
/// </summary>
internal static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubeConfig config, KubeClientOptions options, ServerCertificateValidator validator) =>
        Create(config, options, validator, config?.User.ClientCertificate is { } certificate ? new CertificatePair(certificate, config.User.ClientCertificateChain) : null);

    /// <param name="clientCertificate">The certificate every connection of this handler presents (it wins over the kubeconfig's).</param>
    public static SocketsHttpHandler Create(KubeConfig config, KubeClientOptions options, ServerCertificateValidator validator, CertificatePair? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = validator.Validate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            EnabledSslProtocols = SslProtocols.None,
        };
        if (clientCertificate is { } client)
        {
            // A context presents the certificate whatever CA names the server's CertificateRequest lists.
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(client.Certificate, client.Chain, offline: true);
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = options.ConnectTimeout,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context, options, cancellationToken),
            KeepAlivePingDelay = options.Http2PingDelay,
            KeepAlivePingTimeout = options.Http2PingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, KubeClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)options.TcpKeepAliveTime.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)options.TcpKeepAliveInterval.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
