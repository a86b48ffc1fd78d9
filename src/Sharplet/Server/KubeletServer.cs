using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Util;

namespace Sharplet.Server;

// The kubelet API on Kestrel: HTTPS on address:port with client certificates requested (checked by the
// authenticator, so a bad one gets upstream's 401 rather than a failed handshake), and the read-only port on
// plain HTTP when set. Kestrel runs on the thread pool, off the pod workers' path; its limits bound what slow
// or many clients can hold (headers must arrive within 10 s, connections and upgraded streams are capped).
//
// The certificate is picked per handshake from a CertificateSource, so a rotated serving certificate
// (serverTLSBootstrap) is used by the next connection without a restart; until the first one is issued there is
// none, and handshakes fail, as upstream's. The source itself may still be in the making when the host resolves
// the server (a first self-signed pair's RSA key): the server binds only once it is there, so no client ever
// sees a listener without a certificate.
internal sealed partial class KubeletServer(
    KubeletServerOptions options, KubeletRouter router, Task<CertificateSource> certificateSource, ILoggerFactory loggerFactory, ILogger<KubeletServer> logger) : IHostedService, IAsyncDisposable
{
    public const int MaxConnections = 512;
    public const int MaxUpgradedConnections = 256;

    private WebApplication? app;

    // The bound ports (the configured ones, or the kernel's pick for port 0 in tests).
    public int BoundPort { get; private set; }

    public int BoundReadOnlyPort { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.TryParse(options.Address, out var ip)
            ? ip
            : throw new InvalidOperationException($"address (--address) \"{options.Address}\" is not an IP address");
        var protocols = TlsSettings.Protocols(options.TlsMinVersion);
        var ciphers = TlsSettings.CipherSuites(options.TlsCipherSuites);
        var certificates = await certificateSource.WaitAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = MaxUpgradedConnections;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(90);
            kestrel.Limits.MaxRequestHeadersTotalSize = 1 << 20;
            kestrel.Limits.MaxRequestBodySize = 1 << 20;
            kestrel.Listen(address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, _) => certificates.Current?.Certificate,
                    SslProtocols = protocols,
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,

                    // Verified per request against the client CA by the authenticator.
                    ClientCertificateValidation = (_, _, _) => true,
                    CheckCertificateRevocation = false,
                    OnAuthenticate = (_, ssl) =>
                    {
                        if (ciphers is not null)
                        {
                            ssl.CipherSuitesPolicy = ciphers;
                        }
                    },
                });
            });
            if (options.ReadOnlyPort > 0)
            {
                kestrel.Listen(address, options.ReadOnlyPort, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        app = builder.Build();
        
        // Only the read-only listener speaks plain HTTP.
        app.Run(context => router.HandleAsync(context, readOnly: !context.Request.IsHttps));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var url in app.Urls)
        {
            var port = new Uri(url.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
            if (url.StartsWith("https", StringComparison.Ordinal))
            {
                BoundPort = port;
            }
            else
            {
                BoundReadOnlyPort = port;
            }
        }

        LogListening(logger, options.Address, BoundPort, BoundReadOnlyPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubelet server listening on {Address}:{Port} (HTTPS); read-only port {ReadOnlyPort} (0: off)")]
    private static partial void LogListening(ILogger logger, string address, int port, int readOnlyPort);
}
