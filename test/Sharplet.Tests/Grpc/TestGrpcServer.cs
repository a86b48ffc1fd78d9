using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Sharplet.Tests.Grpc;

// A real HTTP/2 server (Kestrel, cleartext, on a unix socket) whose handlers speak raw gRPC framing, so the
// channel is tested against a peer that is not our own client code.
internal sealed class TestGrpcServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestGrpcServer(WebApplication app, string socketPath)
    {
        this.app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

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
        File.Delete(SocketPath);
    }
}
