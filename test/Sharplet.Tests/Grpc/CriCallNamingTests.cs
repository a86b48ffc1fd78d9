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

    // The names are written by hand beside each call: every CRI call's error must name the RPC the runtime saw.
    [Fact]
    public async Task EveryCriCall_ErrorNamesTheRpcTheRuntimeReceived()
    {
        var seen = new List<string>();
        await using var server = await TestGrpcServer.StartAsync(app => app.MapPost("/{**rpc}", ctx =>
        {
            lock (seen)
            {
                seen.Add(ctx.Request.Path.Value!.TrimStart('/'));
            }

            return Fail(ctx, StatusCode.Unimplemented, "no");
        }));
        using var cri = new CriConnection(server.Endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);
        var r = cri.Runtime;
        var i = cri.Images;
        var none = CancellationToken.None;
        var calls = new Func<Task>[]
        {
            () => r.VersionAsync(none), () => r.StatusAsync(false, none), () => r.RunPodSandboxAsync(new PodSandboxConfig(), "", none),
            () => r.StopPodSandboxAsync("s", none), () => r.RemovePodSandboxAsync("s", none), () => r.PodSandboxStatusAsync("s", false, none),
            () => r.ListPodSandboxAsync(null, none), () => r.CreateContainerAsync("s", new ContainerConfig(), new PodSandboxConfig(), none),
            () => r.StartContainerAsync("c", none), () => r.StopContainerAsync("c", 0, none), () => r.RemoveContainerAsync("c", none),
            () => r.ListContainersAsync(null, none), () => r.ContainerStatusAsync("c", false, none),
            () => r.ExecSyncAsync("c", ["true"], TimeSpan.FromSeconds(1), none), () => r.ExecAsync(new ExecRequest(), none),
            () => r.AttachAsync(new AttachRequest(), none), () => r.PortForwardAsync(new PortForwardRequest(), none),
            () => r.ListContainerStatsAsync(null, none), () => r.ListPodSandboxStatsAsync(null, none), () => r.ReopenContainerLogAsync("c", none),
            () => i.ListImagesAsync(null, none), () => i.ImageStatusAsync(new ImageSpec { Image = "busybox" }, none),
            () => i.PullImageAsync(new ImageSpec { Image = "busybox" }, null, null, none), () => i.RemoveImageAsync(new ImageSpec { Image = "busybox" }, none),
            () => i.ImageFsInfoAsync(none),
        };

        foreach (var call in calls)
        {
            var ex = await Should.ThrowAsync<RpcException>(call);
            string rpc;
            lock (seen)
            {
                rpc = seen[^1];
            }

            ex.Message.ShouldBe($"rpc {rpc} on {server.Endpoint} failed: Unimplemented: no");
        }

        seen.Count.ShouldBe(calls.Length);
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
