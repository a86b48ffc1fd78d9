using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Sharplet.Grpc;

namespace Sharplet.Tests.Grpc;

public sealed class GrpcChannelTests
{
    private static GrpcChannel Channel(string endpoint, GrpcChannelOptions? options = null) =>
        new(GrpcEndpoint.Parse(endpoint), options ?? new GrpcChannelOptions(), TimeProvider.System);

    [Fact]
    public async Task Unary_ServerEchoes_ReturnsMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Say", async ctx =>
        {
            var request = await TestGrpcServer.ReadMessageAsync(ctx.Request, StringValue.Parser);
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new StringValue { Value = "echo:" + request.Value });
            TestGrpcServer.End(ctx.Response, 0);
        }));
        using var channel = Channel(server.Endpoint);

        var reply = await channel.UnaryAsync("/test.Echo/Say", new StringValue { Value = "hi" }, StringValue.Parser, null, CancellationToken.None);

        reply.Value.ShouldBe("echo:hi");
    }

    [Fact]
    public async Task Unary_SendsDeadlineAndTrailersHeaders()
    {
        string? timeout = null, te = null, contentType = null;
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Say", async ctx =>
        {
            timeout = ctx.Request.Headers["grpc-timeout"];
            te = ctx.Request.Headers["te"];
            contentType = ctx.Request.ContentType;
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new StringValue());
            TestGrpcServer.End(ctx.Response, 0);
        }));
        using var channel = Channel(server.Endpoint);

        await channel.UnaryAsync("/test.Echo/Say", new StringValue(), StringValue.Parser, TimeSpan.FromSeconds(3), CancellationToken.None);

        timeout.ShouldBe("3000m");
        te.ShouldBe("trailers");
        contentType.ShouldBe("application/grpc");
    }

    [Fact]
    public async Task Unary_ErrorInTrailers_ThrowsWithCodeMethodEndpointAndDecodedMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Fail", ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            TestGrpcServer.End(ctx.Response, (int)GrpcStatusCode.NotFound, "container \"abc\" not found: 100%");
            return Task.CompletedTask;
        }));
        using var channel = Channel(server.Endpoint);

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Fail", new StringValue(), StringValue.Parser, null, CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.NotFound);
        ex.Detail.ShouldBe("container \"abc\" not found: 100%");
        ex.Method.ShouldBe("test.Echo/Fail");
        ex.Message.ShouldContain(server.Endpoint);
        ex.Message.ShouldContain("test.Echo/Fail");
    }

    [Fact]
    public async Task Unary_TrailersOnlyResponse_ThrowsStatusFromHeaders()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Missing", ctx =>
        {
            ctx.Response.ContentType = "application/grpc";
            ctx.Response.Headers["grpc-status"] = "12";
            ctx.Response.Headers["grpc-message"] = "unknown method";
            return Task.CompletedTask;
        }));
        using var channel = Channel(server.Endpoint);

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Missing", new StringValue(), StringValue.Parser, null, CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.Unimplemented);
        ex.Detail.ShouldBe("unknown method");
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

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Slow", new StringValue(), StringValue.Parser, TimeSpan.FromMilliseconds(200), CancellationToken.None));
        release.SetResult();

        ex.Code.ShouldBe(GrpcStatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task Unary_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Slow", async ctx =>
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted)));
        using var channel = Channel(server.Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            channel.UnaryAsync("/test.Echo/Slow", new StringValue(), StringValue.Parser, null, cts.Token));
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

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Big", new StringValue(), StringValue.Parser, null, CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task Unary_RequestOverSendLimit_FailsBeforeSending()
    {
        var called = false;
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Echo/Say", _ =>
        {
            called = true;
            return Task.CompletedTask;
        }));
        using var channel = Channel(server.Endpoint, new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Say", new StringValue { Value = new string('x', 100) }, StringValue.Parser, null, CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.Internal);
        called.ShouldBeFalse();
    }

    [Fact]
    public async Task Unary_SocketMissing_ThrowsUnavailableNamingTheSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.sock");
        using var channel = Channel("unix://" + path);

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/runtime.v1.RuntimeService/Version", new StringValue(), StringValue.Parser, TimeSpan.FromSeconds(5), CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.Unavailable);
        ex.Message.ShouldContain(path);
        ex.Message.ShouldContain("does not exist");
        ex.Message.ShouldContain("runtime.v1.RuntimeService/Version");
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

        var ex = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Say", new StringValue(), StringValue.Parser, TimeSpan.FromSeconds(5), CancellationToken.None));

        ex.Code.ShouldBe(GrpcStatusCode.Unavailable);
        ex.Message.ShouldContain("connection refused");
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

        var seen = new List<int>();
        await foreach (var item in channel.ServerStreamingAsync("/test.Events/Watch", new Empty(), Int32Value.Parser, Timeout.InfiniteTimeSpan, CancellationToken.None))
        {
            seen.Add(item.Value);
        }

        seen.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_ThrowsAfterYieldingThem()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/test.Events/Watch", async ctx =>
        {
            TestGrpcServer.Begin(ctx.Response);
            await TestGrpcServer.WriteMessageAsync(ctx.Response, new Int32Value { Value = 7 });
            TestGrpcServer.End(ctx.Response, (int)GrpcStatusCode.Internal, "boom");
        }));
        using var channel = Channel(server.Endpoint);

        var seen = new List<int>();
        var ex = await Should.ThrowAsync<GrpcException>(async () =>
        {
            await foreach (var item in channel.ServerStreamingAsync("/test.Events/Watch", new Empty(), Int32Value.Parser, Timeout.InfiniteTimeSpan, CancellationToken.None))
            {
                seen.Add(item.Value);
            }
        });

        seen.ShouldBe([7]);
        ex.Code.ShouldBe(GrpcStatusCode.Internal);
        ex.Detail.ShouldBe("boom");
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
            (await channel.UnaryAsync("/test.Echo/Say", new StringValue(), StringValue.Parser, null, CancellationToken.None)).Value.ShouldBe("up");
        }

        var down = await Should.ThrowAsync<GrpcException>(() =>
            channel.UnaryAsync("/test.Echo/Say", new StringValue(), StringValue.Parser, TimeSpan.FromSeconds(5), CancellationToken.None));
        down.Code.ShouldBe(GrpcStatusCode.Unavailable);

        await using (await TestGrpcServer.StartAsync(Map, path))
        {
            (await channel.UnaryAsync("/test.Echo/Say", new StringValue(), StringValue.Parser, null, CancellationToken.None)).Value.ShouldBe("up");
        }
    }
}
