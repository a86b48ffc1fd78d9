using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Grpc;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Grpc;

// The CRI clients name each call themselves (RpcChannel.Named, no interceptor on their path): a runtime's error
// must still read "rpc <service>/<method> on <endpoint> failed: <code>: <detail>" with its status kept, and the
// caller's cancellation must still be an OperationCanceledException, for unary calls and the event stream.
public sealed class CriCallNamingTests
{
    private static Task Fail(HttpContext ctx, StatusCode code, string detail)
    {
        TestGrpcServer.Begin(ctx.Response);
        TestGrpcServer.End(ctx.Response, (int)code, detail);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UnaryError_NamesTheRpcAndEndpoint_KeepsTheStatus()
    {
        await using var server = await TestGrpcServer.StartAsync(app =>
        {
            app.MapPost("/runtime.v1.RuntimeService/StartContainer", ctx => Fail(ctx, StatusCode.NotFound, "container \"abc\" not found"));
            app.MapPost("/runtime.v1.ImageService/ImageStatus", ctx => Fail(ctx, StatusCode.Unavailable, "image store down"));
        });
        using var cri = new CriConnection(server.Endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);

        var start = await Should.ThrowAsync<RpcException>(() => cri.Runtime.StartContainerAsync("abc", CancellationToken.None));
        var image = await Should.ThrowAsync<RpcException>(() => cri.Images.ImageStatusAsync(new ImageSpec { Image = "busybox" }, CancellationToken.None));

        start.StatusCode.ShouldBe(StatusCode.NotFound);
        start.Status.Detail.ShouldBe("container \"abc\" not found");
        start.Message.ShouldBe($"rpc runtime.v1.RuntimeService/StartContainer on {server.Endpoint} failed: NotFound: container \"abc\" not found");
        image.Message.ShouldBe($"rpc runtime.v1.ImageService/ImageStatus on {server.Endpoint} failed: Unavailable: image store down");
    }

    [Fact]
    public async Task StreamError_NamesTheRpc()
    {
        await using var server = await TestGrpcServer.StartAsync(app =>
            app.MapPost("/runtime.v1.RuntimeService/GetContainerEvents", ctx => Fail(ctx, StatusCode.Unimplemented, "no events")));
        using var cri = new CriConnection(server.Endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);

        var ex = await Should.ThrowAsync<RpcException>(async () =>
        {
            await foreach (var unused in cri.Runtime.GetContainerEventsAsync(CancellationToken.None))
            {
            }
        });

        ex.StatusCode.ShouldBe(StatusCode.Unimplemented);
        ex.Message.ShouldBe($"rpc runtime.v1.RuntimeService/GetContainerEvents on {server.Endpoint} failed: Unimplemented: no events");
    }

    [Fact]
    public async Task CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/runtime.v1.RuntimeService/ListPodSandbox", async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        }));
        using var cri = new CriConnection(server.Endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // The library ends a cancelled call either as a Cancelled RpcException (named here, as OperationCanceled)
        // or as its own OperationCanceledException: either way the caller sees an OperationCanceledException.
        await Should.ThrowAsync<OperationCanceledException>(() => cri.Runtime.ListPodSandboxAsync(null, cts.Token));
    }
}
