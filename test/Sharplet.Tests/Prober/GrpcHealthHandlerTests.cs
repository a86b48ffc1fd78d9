using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sharplet.Grpc.Health.V1;
using Sharplet.Prober.Handlers;
using Sharplet.TestSupport;
using ServingStatus = Sharplet.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Sharplet.Tests.Prober;

// gRPC probes against a real HTTP/2 server on loopback TCP; the failure texts are upstream's (probe/grpc).
public sealed class GrpcHealthHandlerTests
{
    private const string Check = "/grpc.health.v1.Health/Check";
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    // For calls that are answered: generous, so a loaded machine's first HTTP/2 call to a fresh Kestrel is not
    // taken for a timeout.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly GrpcHealthHandler handler = new(TimeProvider.System);

    private static Task<TestGrpcServer> HealthServerAsync(Func<HealthCheckRequest, HttpResponse, Task> answer) =>
        TestGrpcServer.StartTcpAsync(app => app.MapPost(Check, async ctx =>
        {
            var request = await TestGrpcServer.ReadMessageAsync(ctx.Request, HealthCheckRequest.Parser);
            TestGrpcServer.Begin(ctx.Response);
            await answer(request, ctx.Response);
        }), IPAddress.Loopback);

    private static async Task Reply(HttpResponse response, ServingStatus status)
    {
        await TestGrpcServer.WriteMessageAsync(response, new HealthCheckResponse { Status = status });
        TestGrpcServer.End(response, 0);
    }

    [Fact]
    public async Task Serving_IsSuccess_AndTheServiceNameIsSent()
    {
        string? asked = null;
        await using var server = await HealthServerAsync((request, response) =>
        {
            asked = request.Service;
            return Reply(response, ServingStatus.Serving);
        });

        var outcome = await handler.RunAsync("127.0.0.1", server.Port, "billing", AnswerTimeout, CancellationToken.None);

        outcome.ShouldBe(HandlerOutcome.Success("service healthy"));
        asked.ShouldBe("billing");
    }

    [Fact]
    public async Task NotServing_IsFailureNamingTheStatus()
    {
        await using var server = await HealthServerAsync((_, response) => Reply(response, ServingStatus.NotServing));

        var outcome = await handler.RunAsync("127.0.0.1", server.Port, string.Empty, AnswerTimeout, CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe("service unhealthy (responded with \"NOT_SERVING\")");
    }

    [Fact]
    public async Task HealthServiceNotImplemented_SaysSo()
    {
        await using var server = await HealthServerAsync((_, response) =>
        {
            TestGrpcServer.End(response, 12, "unknown service grpc.health.v1.Health");
            return Task.CompletedTask;
        });

        var outcome = await handler.RunAsync("127.0.0.1", server.Port, string.Empty, AnswerTimeout, CancellationToken.None);

        outcome.Output.ShouldBe("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health");
    }

    [Fact]
    public async Task OtherRpcError_InGrpcGosWords()
    {
        await using var server = await HealthServerAsync((_, response) =>
        {
            TestGrpcServer.End(response, 14, "backend down");
            return Task.CompletedTask;
        });

        var outcome = await handler.RunAsync("127.0.0.1", server.Port, string.Empty, AnswerTimeout, CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe("error: health rpc probe failed: rpc error: code = Unavailable desc = backend down");
    }

    [Fact]
    public async Task ServerDoesNotAnswerInTime_RpcTimeout()
    {
        await using var server = await HealthServerAsync(async (_, response) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), response.HttpContext.RequestAborted);
            await Reply(response, ServingStatus.Serving);
        });

        var outcome = await handler.RunAsync("127.0.0.1", server.Port, string.Empty, Timeout, CancellationToken.None);

        outcome.Output.ShouldBe("timeout: health rpc did not complete within 500ms");
    }

    [Fact]
    public async Task NothingListening_ConnectTimeoutAfterTheWholeTimeout_AsGrpcGosBlockingDial()
    {
        var port = FreePort();
        var watch = Stopwatch.StartNew();

        var outcome = await handler.RunAsync("127.0.0.1", port, string.Empty, Timeout, CancellationToken.None);

        outcome.Verdict.ShouldBe(HandlerVerdict.Failure);
        outcome.Output.ShouldBe($"timeout: failed to connect service \"127.0.0.1:{port}\" within 500ms: context deadline exceeded");
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task ServerComesUpWithinTheTimeout_RetriedAndHealthy()
    {
        var port = FreePort();
        var probe = handler.RunAsync("127.0.0.1", port, string.Empty, TimeSpan.FromSeconds(5), CancellationToken.None);
        await using var server = await TestGrpcServer.StartTcpAsync(
            app => app.MapPost(Check, async ctx =>
            {
                TestGrpcServer.Begin(ctx.Response);
                await Reply(ctx.Response, ServingStatus.Serving);
            }),
            IPAddress.Loopback,
            port);

        (await probe).Verdict.ShouldBe(HandlerVerdict.Success);
    }

    [Fact]
    public void ConnectRetries_FollowGrpcGosDefaultBackoff_1sGrowing1Point6TimesTo120s()
    {
        var delays = Enumerable.Range(0, 4).Select(n => GrpcHealthHandler.ConnectRetry.Delay(n).TotalMilliseconds).ToArray();

        delays.ShouldBe([1000, 1600, 2560, 4096]);
        GrpcHealthHandler.ConnectRetry.Delay(20).ShouldBe(TimeSpan.FromSeconds(120));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
