using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Sharplet.Grpc;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Grpc;

// The channel the CRI and the gRPC probe use (Grpc.Net.Client over a dialled socket) against a real HTTP/2
// server: what its callers rely on (deadlines, the caller's cancellation, limits, unreachable or restarted
// peers, status codes and messages), not the library's framing.
public sealed class RpcChannelTests
{
    private static RpcChannel Channel(string endpoint, GrpcChannelOptions? options = null) =>
        new(GrpcEndpoint.Parse(endpoint), options ?? new GrpcChannelOptions(), TimeProvider.System);

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
        where T : IMessage<T> => Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    private static Task<StringValue> Unary(RpcChannel channel, string service, string name, StringValue request, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var method = new Method<StringValue, StringValue>(MethodType.Unary, service, name, Marshal(StringValue.Parser), Marshal(StringValue.Parser));
        return channel.Invoker.AsyncUnaryCall(method, null, channel.Call(timeout, cancellationToken), request).ResponseAsync;
    }

    private static async Task<List<int>> Stream(RpcChannel channel, List<int> seen)
    {
        var method = new Method<Empty, Int32Value>(MethodType.ServerStreaming, "test.Events", "Watch", Marshal(Empty.Parser), Marshal(Int32Value.Parser));
        using var call = channel.Invoker.AsyncServerStreamingCall(method, null, channel.Call(Timeout.InfiniteTimeSpan, CancellationToken.None), new Empty());
        await foreach (var item in call.ResponseStream.ReadAllAsync())
        {
            seen.Add(item.Value);
        }

        return seen;
    }

    [Fact]
    public async Task Unary_ServerEchoes_ReturnsMessage_WithDeadlineAndTrailersHeaders()
    {
        string? timeout = null, te = null;
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Say", async ctx =>
        {
            timeout = ctx.Request.Headers["grpc-timeout"];
            te = ctx.Request.Headers["te"];
            var request = await TestGrpcServer.ReadMessageAsync(ctx.Request, StringValue.Parser);
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new StringValue { Value = "echo:" + request.Value });
            TestGrpcServer.End(ctx.Response, 0);
        }));
        using var channel = Channel(server.Endpoint);

        var reply = await Unary(channel, "test.Echo", "Say", new StringValue { Value = "hi" }, TimeSpan.FromSeconds(30), CancellationToken.None);

        reply.Value.ShouldBe("echo:hi");
        timeout.ShouldNotBeNullOrEmpty();
        te.ShouldBe("trailers");
    }

    [Fact]
    public async Task Unary_ErrorInTrailers_ThrowsWithCodeEndpointMethodAndDecodedMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Fail", ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            TestGrpcServer.End(ctx.Response, (int)StatusCode.NotFound, "container \"abc\" not found: 100%");
            return Task.CompletedTask;
        }));
        using var channel = Channel(server.Endpoint);

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Fail", new StringValue(), null, CancellationToken.None));

        ex.StatusCode.ShouldBe(StatusCode.NotFound);
        ex.Status.Detail.ShouldBe("container \"abc\" not found: 100%");
        ex.Message.ShouldBe($"rpc test.Echo/Fail on {server.Endpoint} failed: NotFound: container \"abc\" not found: 100%");
    }

    [Fact]
    public async Task Unary_ServerSlowerThanDeadline_ThrowsDeadlineExceeded()
    {
        var release = new TaskCompletionSource();
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Slow", async ctx =>
        {
            await Task.WhenAny(release.Task, Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        }));
        using var channel = Channel(server.Endpoint);

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Slow", new StringValue(), TimeSpan.FromMilliseconds(200), CancellationToken.None));
        release.SetResult();

        ex.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task Unary_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Slow", async ctx =>
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted)));
        using var channel = Channel(server.Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => Unary(channel, "test.Echo", "Slow", new StringValue(), null, cts.Token));
    }

    [Fact]
    public async Task Unary_ReplyOverReceiveLimit_ThrowsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Big", async ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new StringValue { Value = new string('x', 4096) });
            TestGrpcServer.End(ctx.Response, 0);
        }));
        using var channel = Channel(server.Endpoint, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Big", new StringValue(), null, CancellationToken.None));

        ex.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task Unary_RequestOverSendLimit_ThrowsResourceExhausted()
    {
        // The handler waits for the request body: one that answered at once raced the client's send check, and
        // the client then saw its call cancelled by the ended response (StatusCode.Cancelled, seen under load).
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Say", async ctx =>
        {
            try
            {
                await ctx.Request.Body.CopyToAsync(System.IO.Stream.Null, ctx.RequestAborted);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The client gave up the call: what the test expects.
            }
        }));
        using var channel = Channel(server.Endpoint, new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Say", new StringValue { Value = new string('x', 100) }, null, CancellationToken.None));

        ex.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task Unary_SocketMissing_ThrowsUnavailableNamingTheSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.sock");
        using var channel = Channel("unix://" + path);

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "runtime.v1.RuntimeService", "Version", new StringValue(), TimeSpan.FromSeconds(5), CancellationToken.None));

        ex.StatusCode.ShouldBe(StatusCode.Unavailable);
        ex.Status.Detail.ShouldContain($"socket {path} does not exist");
        channel.HasConnected.ShouldBeFalse();
    }

    [Fact]
    public async Task Unary_NobodyListening_ThrowsUnavailableConnectionRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dead-{Guid.NewGuid():N}.sock");
        // Bound but never listening: the socket file exists and nobody accepts, like a hung or crashed runtime.
        // (.NET removes the file when the socket is disposed, so it stays open for the whole test.)
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        bound.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        using var channel = Channel("unix://" + path);

        var ex = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Say", new StringValue(), TimeSpan.FromSeconds(5), CancellationToken.None));

        ex.StatusCode.ShouldBe(StatusCode.Unavailable);
        ex.Status.Detail.ShouldContain($"connection refused on {path}");
    }

    [Fact]
    public async Task ServerStreaming_YieldsEveryMessageThenEnds()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Events/Watch", async ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            for (var i = 0; i < 3; i++)
            {
                await TestGrpcServer.WriteMessageAsync(ctx.Response, new Int32Value { Value = i });
            }

            TestGrpcServer.End(ctx.Response, 0);
        }));
        using var channel = Channel(server.Endpoint);

        var seen = await Stream(channel, []);

        seen.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_ThrowsAfterYieldingThem()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Events/Watch", async ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new Int32Value { Value = 7 });
            TestGrpcServer.End(ctx.Response, (int)StatusCode.Internal, "boom");
        }));
        using var channel = Channel(server.Endpoint);

        var seen = new List<int>();
        var ex = await Should.ThrowAsync<RpcException>(() => Stream(channel, seen));

        seen.ShouldBe([7]);
        ex.StatusCode.ShouldBe(StatusCode.Internal);
        ex.Status.Detail.ShouldBe("boom");
    }

    [Fact]
    public async Task Channel_ServerRestartsOnSameSocket_NextCallSucceeds()
    {
        static void Map(WebApplication app) => app.MapPost("/test.Echo/Say", async ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new StringValue { Value = "up" });
            TestGrpcServer.End(ctx.Response, 0);
        });
        var path = Path.Combine(Path.GetTempPath(), $"restart-{Guid.NewGuid():N}.sock");
        using var channel = Channel("unix://" + path);

        await using (await TestGrpcServer.StartAsync(Map, path))
        {
            (await Unary(channel, "test.Echo", "Say", new StringValue(), null, CancellationToken.None)).Value.ShouldBe("up");
        }

        var down = await Should.ThrowAsync<RpcException>(() => Unary(channel, "test.Echo", "Say", new StringValue(), TimeSpan.FromSeconds(5), CancellationToken.None));
        down.StatusCode.ShouldBe(StatusCode.Unavailable);

        await using (await TestGrpcServer.StartAsync(Map, path))
        {
            (await Unary(channel, "test.Echo", "Say", new StringValue(), null, CancellationToken.None)).Value.ShouldBe("up");
        }

        channel.HasConnected.ShouldBeTrue();
    }
}
