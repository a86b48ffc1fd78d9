using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Sharplet.IntegrationTests.Infrastructure;

// A gRPC proxy on a unix socket between a Sharplet and the real containerd, for the fault a real runtime will not
// produce on demand: a call the runtime completes whose answer arrives after the caller's deadline (a runtime
// slowed by load, as in the 500-container pod). The proxy forwards every call unchanged (HTTP/2 with
// prior knowledge, body and trailers streamed) and, for the methods a rule picks, holds the runtime's answer
// for the given delay after the runtime has sent it: the work is done, the caller sees DeadlineExceeded.
internal sealed class CriFaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "TE", "Content-Length",
    };

    private readonly HttpMessageInvoker runtime;
    private readonly WebApplication app;
    private volatile Func<string, TimeSpan?> rule = _ => null;
    private int held;
    private (int Count, TaskCompletionSource Reached)? heldWaiter;

    private CriFaultProxy(string runtimeSocket, string socket)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(runtimeSocket), cancel);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        runtime = new HttpMessageInvoker(handler);
        Endpoint = "unix://" + socket;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http2));
        app = builder.Build();
        app.Run(ForwardAsync);
    }

    // The address to give Sharplet as --container-runtime-endpoint.
    public string Endpoint { get; }

    // How many answers the proxy has held back so far.
    public int Held => Volatile.Read(ref held);

    // Completes once the proxy has held back this many answers.
    public Task HeldAsync(int count)
    {
        var waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        heldWaiter = waiter;
        if (Held >= count)
        {
            waiter.Item2.TrySetResult();
        }

        return waiter.Item2.Task;
    }

    public static async Task<CriFaultProxy> StartAsync(string runtimeEndpoint, string socket)
    {
        File.Delete(socket);
        var proxy = new CriFaultProxy(runtimeEndpoint.Replace("unix://", string.Empty, StringComparison.Ordinal), socket);
        await proxy.app.StartAsync();
        return proxy;
    }

    // Holds the answer of the calls whose gRPC method (e.g. "CreateContainer") the rule gives a delay for.
    public void HoldAnswers(Func<string, TimeSpan?> delayForMethod) => rule = delayForMethod;

    private async Task ForwardAsync(HttpContext context)
    {
        var method = context.Request.Path.Value!.Split('/')[^1];
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost" + context.Request.Path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(context.Request.Body),
        };
        foreach (var (name, value) in context.Request.Headers)
        {
            if (!name.StartsWith(':') && !NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value);
            }
        }

        request.Headers.TryAddWithoutValidation("TE", "trailers");
        var cancel = context.RequestAborted;
        using var response = await runtime.SendAsync(request, cancel);
        if (rule(method) is { } delay)
        {
            // The runtime has answered, so it has done the work; the caller's deadline passes while we wait.
            if (Interlocked.Increment(ref held) >= heldWaiter?.Count)
            {
                heldWaiter?.Reached.TrySetResult();
            }
            await Task.Delay(delay, cancel);
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await using (var body = await response.Content.ReadAsStreamAsync(cancel))
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancel)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancel);
                await context.Response.Body.FlushAsync(cancel);
            }
        }

        foreach (var (name, values) in response.TrailingHeaders)
        {
            context.Response.AppendTrailer(name, values.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        runtime.Dispose();
    }
}
