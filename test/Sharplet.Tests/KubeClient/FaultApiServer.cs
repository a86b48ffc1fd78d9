using System.Collections.Concurrent;
using System.Net;
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
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeClient;

// A Kestrel server on loopback port 0 whose answers a test scripts, to inject faults a real API server will not
// produce on demand (a 410 ERROR event, a silent watch, 429, 5xx). Not an imitation of the API: each test
// answers only the requests it makes. Plain HTTP: TLS is exercised against the real API server.
internal sealed class FaultApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FaultApiServer(WebApplication app, Uri url, X509Certificate2? ca)
    {
        this.app = app;
        Url = url;
        Ca = ca;
    }

    public Uri Url { get; }

    /// <summary>The CA of the serving certificate when the server speaks TLS (and so HTTP/2).</summary>
    public X509Certificate2? Ca { get; }

    /// <summary>Every request as "METHOD /path?query", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public KubeConfig Config => new(
        new KubeCluster("fault", Url, Ca is null ? null : [Ca]),
        new KubeUser("fault-user", Token: "t0ken"),
        SourcePath: "/test/fault.kubeconfig");

    /// <param name="tls">Serve HTTPS with a test CA, which lets the client negotiate HTTP/2; plain HTTP is HTTP/1.1.</param>
    public static async Task<FaultApiServer> StartAsync(Func<HttpContext, Task> handler, bool tls = false)
    {
        X509Certificate2? ca = null;
        X509Certificate2? serving = null;
        if (tls)
        {
            ca = TestPki.CreateCa("fault-ca");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var issued = TestPki.IssueServer(ca, key, "127.0.0.1", "localhost");
            serving = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serving is not null)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serving);
            }
        }));
        var app = builder.Build();
        FaultApiServer? server = null;
        app.Run(async context =>
        {
            server!.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            server.Protocols.Enqueue(context.Request.Protocol);
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FaultApiServer(app, new Uri(address), ca);
        return server;
    }

    /// <summary>"HTTP/1.1" or "HTTP/2" of every request, to show which protocol a test ran on.</summary>
    public ConcurrentQueue<string> Protocols { get; } = new();

    public static bool IsWatch(HttpContext context) => context.Request.Query["watch"] == "true";

    public static async Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public static async Task WriteLineAsync(HttpContext context, string json)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "application/json";
        }

        await context.Response.WriteAsync(json + "\n");
        await context.Response.Body.FlushAsync();
    }

    /// <summary>Keeps a watch open, silent, until the client goes away.</summary>
    public static async Task HoldAsync(HttpContext context)
    {
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static string PodListJson(string resourceVersion, params string[] pods) =>
        $$"""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"{{resourceVersion}}"},"items":[{{string.Join(',', pods)}}]}""";

    public static string PodJson(string name, string uid, string resourceVersion) =>
        $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"default","uid":"{{{uid}}}","resourceVersion":"{{{resourceVersion}}}"}}""";

    public static string EventJson(string type, string obj) => $$"""{"type":"{{type}}","object":{{obj}}}""";

    public static string StatusJson(int code, string reason, string message) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""";

    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited for {count} requests to the fault server, got {Requests.Count}: {string.Join(" | ", Requests)}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
