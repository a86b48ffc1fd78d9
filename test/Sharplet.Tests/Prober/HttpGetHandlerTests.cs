using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sharplet.Api;
using Sharplet.Prober.Handlers;

namespace Sharplet.Tests.Prober;

// HTTP probes and hooks against a real server: upstream's verdicts (probe/http) and Go's error texts.
public sealed class HttpGetHandlerTests : IDisposable
{
    // Generous: only the timeout test waits for it (with its own short one); under a loaded CI a first request to a
    // fresh Kestrel plus ten redirects took over 2 s.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpGetHandler handler = new(TimeProvider.System);
    private readonly Container container = new() { Name = "main", Ports = [new ContainerPort { Name = "http", Number = 0 }] };

    public void Dispose() => handler.Dispose();

    private HTTPGetAction Get(TestHttpServer server, string path, params HTTPHeader[] headers)
    {
        container.Ports![0].Number = server.Port;
        return new HTTPGetAction { Path = path, Port = "http", Scheme = "HTTP", HttpHeaders = [.. headers] };
    }

    private Task<HandlerOutcome> ProbeAsync(HTTPGetAction action) => handler.ProbeAsync(action, container, "127.0.0.1", Timeout, CancellationToken.None);

    [Theory]
    [InlineData(200, "Success")]
    [InlineData(204, "Success")]
    [InlineData(304, "Warning")]
    [InlineData(400, "Failure")]
    [InlineData(503, "Failure")]
    public async Task StatusCode_DecidesTheVerdict(int status, string verdict)
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/healthz", ctx =>
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }));

        var outcome = await ProbeAsync(Get(server, "/healthz"));

        outcome.Verdict.ShouldBe(Enum.Parse<HandlerVerdict>(verdict));
        if (status >= 400)
        {
            outcome.Output.ShouldBe($"HTTP probe failed with statuscode: {status}");
        }
    }

    [Fact]
    public async Task RedirectOnTheSameHost_IsFollowed()
    {
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/old", ctx =>
            {
                ctx.Response.Redirect("/new");
                return Task.CompletedTask;
            });
            app.MapGet("/new", () => "moved here");
        });

        var outcome = await ProbeAsync(Get(server, "/old"));

        outcome.ShouldBe(HandlerOutcome.Success("moved here"));
    }

    [Fact]
    public async Task RedirectToAnotherHost_NotFollowed_SuccessWithWarningAndTheBody()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/old", async ctx =>
        {
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = "http://elsewhere.invalid/new";
            await ctx.Response.WriteAsync("go away");
        }));

        var outcome = await ProbeAsync(Get(server, "/old"));

        outcome.ShouldBe(HandlerOutcome.Warning("Probe terminated redirects, Response body: go away"));
    }

    [Fact]
    public async Task EndlessRedirects_FailAfterTen()
    {
        var hops = 0;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/loop", ctx =>
        {
            Interlocked.Increment(ref hops);
            ctx.Response.Redirect("/loop");
            return Task.CompletedTask;
        }));

        var outcome = await ProbeAsync(Get(server, "/loop"));

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe("Get \"/loop\": stopped after 10 redirects");
        hops.ShouldBe(10);
    }

    [Fact]
    public async Task HostHeaderHttpRefuses_IsAFailedProbe_NotAnException()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/h", () => "ok"));

        var outcome = await ProbeAsync(Get(server, "/h", new HTTPHeader { Name = "Host", Value = "a b" }));

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldStartWith($"Get \"http://127.0.0.1:{server.Port}/h\": ");
    }

    [Fact]
    public async Task RedirectToAnotherScheme_IsAFailedProbe_AsGosClient()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/old", ctx =>
        {
            ctx.Response.Redirect("ftp://127.0.0.1/x");
            return Task.CompletedTask;
        }));

        var outcome = await ProbeAsync(Get(server, "/old"));

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe("Get \"ftp://127.0.0.1/x\": unsupported protocol scheme \"ftp\"");
    }

    [Fact]
    public async Task Headers_DefaultsCustomHostRepeatedNamesAndEmptyAcceptAsUpstream()
    {
        Dictionary<string, string?[]> seen = [];
        string? host = null;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/h", ctx =>
        {
            // Copied: Kestrel reuses the header collection once the request is over.
            seen = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            host = ctx.Request.Host.Value;
            return Task.CompletedTask;
        }));

        await ProbeAsync(Get(server, "/h"));
        seen["User-Agent"].ShouldBe(["kube-probe/1.33"]);
        seen["Accept"].ShouldBe(["*/*"]);
        seen["Connection"].ShouldBe(["close"]);

        await ProbeAsync(Get(server, "/h", new HTTPHeader { Name = "Host", Value = "svc.example" }, new HTTPHeader { Name = "X-Tag", Value = "a" },
            new HTTPHeader { Name = "X-Tag", Value = "b" }, new HTTPHeader { Name = "Accept", Value = string.Empty }, new HTTPHeader { Name = "User-Agent", Value = "mine" }));
        host.ShouldBe("svc.example");
        // Both values arrive; .NET folds repeated names into one line where Go sends two (RFC 9110 5.3: same thing).
        seen["X-Tag"].ShouldBe(["a, b"]);
        seen.ContainsKey("Accept").ShouldBeFalse();
        seen["User-Agent"].ShouldBe(["mine"]);
    }

    [Fact]
    public async Task NothingListening_FailsWithGosDialError()
    {
        var port = FreePort();
        var action = new HTTPGetAction { Path = "/healthz", Port = port };

        var outcome = await handler.ProbeAsync(action, container, "127.0.0.1", Timeout, CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe($"Get \"http://127.0.0.1:{port}/healthz\": dial tcp 127.0.0.1:{port}: connect: connection refused");
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeout_FailsWithClientTimeout()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/slow", async ctx =>
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted)));

        var outcome = await handler.ProbeAsync(Get(server, "/slow"), container, "127.0.0.1", TimeSpan.FromMilliseconds(300), CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe($"Get \"http://127.0.0.1:{server.Port}/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    }

    [Fact]
    public async Task UnknownPortName_ProbeCannotRun()
    {
        var outcome = await handler.ProbeAsync(new HTTPGetAction { Path = "/", Port = "metrics" }, container, "127.0.0.1", Timeout, CancellationToken.None);

        outcome.ShouldBe(HandlerOutcome.Errored("strconv.Atoi: parsing \"metrics\": invalid syntax"));
    }

    [Fact]
    public async Task Hook_AnyHttpAnswerIsSuccess_EvenAnError()
    {
        string? agent = null;
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/stop", ctx =>
        {
            agent = ctx.Request.Headers.UserAgent;
            ctx.Response.StatusCode = 500;
            return Task.CompletedTask;
        }));

        var outcome = await handler.HookAsync(Get(server, "/stop"), container, "127.0.0.1", Timeout, CancellationToken.None);

        outcome.Succeeded.ShouldBeTrue();
        agent.ShouldBe("kube-lifecycle/1.33");
    }

    [Fact]
    public async Task Hook_NothingListening_Fails()
    {
        var port = FreePort();

        var outcome = await handler.HookAsync(new HTTPGetAction { Path = "/stop", Port = port }, container, "127.0.0.1", Timeout, CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Error.ShouldBe($"Get \"http://127.0.0.1:{port}/stop\": dial tcp 127.0.0.1:{port}: connect: connection refused");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
