using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Infrastructure;

// A small HTTPS reverse proxy between a Sharplet and the real API server, to make the faults a real server
// will not produce on demand: dropped watches, 410 Gone, 500 and 429 with Retry-After, latency, and refused
// connections (the listener closed for a while). It terminates TLS with a certificate signed by the test CA
// (so the Sharplet's kubeconfig trusts it as it trusts the server) and opens its own TLS to the server as the
// node identity it is given: the Sharplet's client certificate ends at the proxy, so the proxy acts as that
// node. Plain HTTP/1.1 and HTTP/2 both reach it, as the client chooses.
internal sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly HttpClient upstream;
    private readonly Uri server;
    private readonly X509Certificate2 serverCertificate;
    private readonly ConcurrentDictionary<HttpContext, byte> watches = new();
    // The kubeconfigs written for Sharplets to use, deleted with the proxy (each test run left three in /tmp).
    private readonly ConcurrentBag<string> written = [];
    private WebApplication? app;
    private volatile Func<ProxyRequest, ProxyFault?> rule = _ => null;

    private FaultProxy(HttpClient upstream, Uri server, X509Certificate2 serverCertificate)
    {
        this.upstream = upstream;
        this.server = server;
        this.serverCertificate = serverCertificate;
    }

    public int Port { get; private set; }

    public Uri Address => new($"https://127.0.0.1:{Port}");

    public int Forwarded => Volatile.Read(ref forwarded);

    public int Faulted => Volatile.Read(ref faulted);

    private int forwarded;
    private int faulted;

    // Starts a proxy that forwards as the identity of this kubeconfig.
    public static async Task<FaultProxy> StartAsync(string upstreamKubeconfig)
    {
        var config = KubeconfigLoader.Load(upstreamKubeconfig);
        using var ca = TestPki.LoadCa(TestApiServer.CaPath, TestApiServer.CaKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = TestPki.IssueServer(ca, key, "127.0.0.1", "localhost");
        var certificate = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        var trust = X509CertificateLoader.LoadCertificateFromFile(TestApiServer.CaPath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [config.User.ClientCertificate!],
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && Chains(cert, trust),
            },
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        };
        var proxy = new FaultProxy(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, config.Cluster.Server, certificate);
        await proxy.ListenAsync();
        return proxy;
    }

    // The kubeconfig a Sharplet should use to go through the proxy: the same credentials and CA, our address.
    public string KubeconfigThroughProxy(string kubeconfig)
    {
        var text = File.ReadAllText(kubeconfig).Replace(server.ToString().TrimEnd('/'), Address.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"sharplet-proxy-{Port}-{Path.GetFileName(kubeconfig)}");
        File.WriteAllText(path, text);
        written.Add(path);
        return path;
    }

    // Decides the fault for every request from now on (null: forward as is).
    public void SetRule(Func<ProxyRequest, ProxyFault?> decide) => rule = decide;

    public void ClearRule() => rule = _ => null;

    // Ends every open watch at once, as a dropped connection would.
    public int DropWatches()
    {
        var dropped = 0;
        foreach (var context in watches.Keys)
        {
            context.Abort();
            dropped++;
        }

        return dropped;
    }

    // Closes the listener and every connection: new connections are refused until AcceptAsync.
    public async Task RefuseAsync()
    {
        if (app is { } running)
        {
            app = null;
            DropWatches();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await running.StopAsync(cts.Token);
            await running.DisposeAsync();
        }
    }

    public Task AcceptAsync() => app is null ? ListenAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await RefuseAsync();
        upstream.Dispose();
        serverCertificate.Dispose();
        foreach (var path in written)
        {
            File.Delete(path);
        }
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(serverCertificate);
        }));
        var web = builder.Build();
        web.Run(HandleAsync);
        await web.StartAsync();
        if (Port == 0)
        {
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Port = new Uri(address).Port;
        }

        app = web;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = new ProxyRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty);
        if (rule(request) is { } fault)
        {
            if (fault.Latency is { } latency)
            {
                await Task.Delay(latency, context.RequestAborted);
            }

            if (fault.StatusCode is { } code)
            {
                Interlocked.Increment(ref faulted);
                await AnswerAsync(context, code, fault.RetryAfter);
                return;
            }
        }

        Interlocked.Increment(ref forwarded);
        if (request.IsWatch)
        {
            watches.TryAdd(context, 0);
        }

        try
        {
            await ForwardAsync(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // Dropped by us or by the client.
        }
        finally
        {
            watches.TryRemove(context, out _);
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var target = new Uri(server, context.Request.Path.Value + context.Request.QueryString.Value);
        using var message = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            message.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name) || name.StartsWith(':'))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        // Streamed and flushed chunk by chunk: a watch must reach the client as it happens.
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static async Task AnswerAsync(HttpContext context, int code, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var reason = code switch
        {
            410 => "Expired",
            429 => "TooManyRequests",
            500 => "InternalError",
            503 => "ServiceUnavailable",
            _ => "Unknown",
        };
        await context.Response.WriteAsync(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"injected by the fault proxy","reason":"{{reason}}","code":{{code}}}""");
    }

    private static bool Chains(X509Certificate certificate, X509Certificate2 trust)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
