using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

// The agent's HTTP server on real sockets: a unix socket and a loopback TCP port, spoken to by HttpClient and
// by raw bytes.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the server")]
public sealed class LocalHttpServerTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-http-").FullName;
    private readonly List<LocalRequest> seen = [];
    private LocalHttpServer server = null!;
    private int port;
    private Func<LocalRequest, LocalResponse, CancellationToken, Task> handler = (r, w, ct) => w.TextAsync(200, r.Path, ct);

    private string SocketPath => Path.Combine(dir, "s.sock");

    public async Task InitializeAsync()
    {
        port = FreePort();
        server = new LocalHttpServer(
            [new IPEndPoint(IPAddress.Loopback, port), new UnixDomainSocketEndPoint(SocketPath)],
            (r, w, ct) =>
            {
                lock (seen)
                {
                    seen.Add(r);
                }

                return handler(r, w, ct);
            },
            NullLogger<LocalHttpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task UnixSocket_OnlyOwnerMayOpen_AndRequestsSayTheyCameThroughIt()
    {
        File.GetUnixFileMode(SocketPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var client = UnixClient();

        (await client.GetStringAsync("/pods?x=1")).ShouldBe("/pods");

        seen.ShouldHaveSingleItem().ViaControlSocket.ShouldBeTrue();
        seen[0]["x"].ShouldBe("1");
    }

    [Fact]
    public async Task Tcp_RequestsSayTheyDidNotComeThroughTheControlSocket()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var response = await client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        seen.ShouldHaveSingleItem().ViaControlSocket.ShouldBeFalse();
    }

    [Fact]
    public async Task StreamedBody_ArrivesAsWritten_AndEndsWithTheConnection()
    {
        var release = new TaskCompletionSource();
        handler = async (_, w, ct) =>
        {
            await w.StartAsync(200, "text/plain", ct);
            await w.Body.WriteAsync("first\n"u8.ToArray(), ct);
            await w.Body.FlushAsync(ct);
            await release.Task.WaitAsync(ct);
            await w.Body.WriteAsync("second\n"u8.ToArray(), ct);
        };
        using var client = UnixClient();
        using var response = await client.GetAsync("/containerLogs/ns/p/c?follow=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        (await reader.ReadLineAsync()).ShouldBe("first", "the first line arrives before the handler finishes");
        release.SetResult();
        (await reader.ReadLineAsync()).ShouldBe("second");
        (await reader.ReadLineAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task HandlerThrows_Answers500WithTheMessage_AndTheServerKeepsServing()
    {
        handler = (r, w, ct) => r.Path == "/boom" ? throw new InvalidOperationException("kaput") : w.TextAsync(200, "fine", ct);
        using var client = UnixClient();

        using var failed = await client.GetAsync("/boom");
        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadAsStringAsync()).ShouldBe("kaput\n");

        (await client.GetStringAsync("/next")).ShouldBe("fine");
    }

    [Fact]
    public async Task MalformedRequest_Gets400QuotingTheLine()
    {
        var answer = await RawAsync("BREW coffee\r\n\r\n");

        answer.ShouldStartWith("HTTP/1.1 400 Bad Request\r\n");
        answer.ShouldEndWith("malformed request line \"BREW coffee\"\n");
        seen.ShouldBeEmpty();
    }

    [Fact]
    public async Task OversizedHead_Gets431()
    {
        // Exactly the limit with no end of head: all of it is read, so the answer is not lost to a reset.
        var answer = await RawAsync("GET /" + new string('a', RequestHead.MaxBytes - 5));

        answer.ShouldStartWith("HTTP/1.1 431 ");
    }

    [Fact]
    public async Task PortInUse_FailsTheStartNamingTheEndpoint()
    {
        var second = new LocalHttpServer([new IPEndPoint(IPAddress.Loopback, port)], handler, NullLogger<LocalHttpServer>.Instance);

        var error = await Should.ThrowAsync<IOException>(() => second.StartAsync(CancellationToken.None));

        error.Message.ShouldStartWith($"cannot listen on 127.0.0.1:{port}: ");
    }

    [Fact]
    public async Task ClientHangsUp_TheHandlersTokenIsCancelled()
    {
        var streaming = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        handler = async (_, w, ct) =>
        {
            await w.StartAsync(200, "text/plain", ct);
            streaming.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
            }
        };
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /containerLogs/ns/p/c?follow=true HTTP/1.1\r\n\r\n"));
            await streaming.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stop_EndsAStreamingAnswer()
    {
        var streaming = new TaskCompletionSource();
        handler = async (_, w, ct) =>
        {
            await w.StartAsync(200, "text/plain", ct);
            streaming.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        using var client = UnixClient();
        using var response = await client.GetAsync("/follow", HttpCompletionOption.ResponseHeadersRead);
        await streaming.Task;

        await server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    private HttpClient UnixClient() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://sharplet") };

    private async Task<string> RawAsync(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
