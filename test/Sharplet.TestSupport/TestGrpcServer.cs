using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sharplet.TestSupport;

// A real HTTP/2 server (Kestrel, cleartext, on a unix socket) whose handlers speak raw gRPC framing, so the
// channel is tested against a peer that is not our own client code.
internal sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestGrpcServer(WebApplication app, string socketPath, int port = 0)
    {
        this.app = app;
        SocketPath = socketPath;
        Port = port;
    }

    public string SocketPath { get; }

    // The TCP port of a server started with StartTcpAsync.
    public int Port { get; }

    public string Endpoint => "unix://" + SocketPath;

    public static async Task<TestGrpcServer> StartAsync(Action<WebApplication> map, string? socketPath = null)
    {
        socketPath ??= Path.Combine(Path.GetTempPath(), $"sharplet-grpc-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TestGrpcServer(app, socketPath);
    }

    // The same server on a TCP address (port chosen by the system), for callers that dial host:port (gRPC probes).
    public static async Task<TestGrpcServer> StartTcpAsync(Action<WebApplication> map, IPAddress address, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestGrpcServer(app, string.Empty, new Uri(bound).Port);
    }

    public static async Task WriteMessageAsync(HttpResponse response, IMessage message)
    {
        var payload = message.ToByteArray();
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)payload.Length);
        await response.Body.WriteAsync(header);
        await response.Body.WriteAsync(payload);
        await response.Body.FlushAsync();
    }

    public static async Task<T> ReadMessageAsync<T>(HttpRequest request, MessageParser<T> parser)
        where T : IMessage<T>
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4));
        return parser.ParseFrom(bytes, 5, length);
    }

    public static void Begin(HttpResponse response)
    {
        response.ContentType = "application/grpc";
        response.DeclareTrailer("grpc-status");
    }

    public static void End(HttpResponse response, int status, string? message = null)
    {
        response.AppendTrailer("grpc-status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (message is not null)
        {
            response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (SocketPath.Length > 0)
        {
            File.Delete(SocketPath);
        }
    }
}
