using System.Net;
using Microsoft.AspNetCore.Builder;
using Sharplet.Api;
using Sharplet.Grpc.Health.V1;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Pods;
using Sharplet.TestSupport;
using static Sharplet.IntegrationTests.Prober.ProbeConditions;
using ServingStatus = Sharplet.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Sharplet.IntegrationTests.Prober;

// gRPC probes always dial the pod IP. busybox has no gRPC server, so the serving case uses a hostNetwork pod,
// whose pod IP is the node's address, and a grpc.health.v1 server of the test's own listening there: the
// probe makes the same call to the same address as it would to a server in the container. The failing case
// needs no server: an ordinary pod with nothing on the port.
public sealed class GrpcProbeTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("probe-grpc"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task GrpcReadiness_HostNetworkPod_FollowsTheHealthServersStatus()
    {
        var nodeIp = node.Service<NodeContext>().HostIp;
        var status = ServingStatus.Serving;
        string? service = null;
        await using var server = await TestGrpcServer.StartTcpAsync(
            app => app.MapPost("/grpc.health.v1.Health/Check", async ctx =>
            {
                service = (await TestGrpcServer.ReadMessageAsync(ctx.Request, HealthCheckRequest.Parser)).Service;
                TestGrpcServer.Begin(ctx.Response);
                await TestGrpcServer.WriteMessageAsync(ctx.Response, new HealthCheckResponse { Status = status });
                TestGrpcServer.End(ctx.Response, 0);
            }),
            IPAddress.Parse(nodeIp));
        node.WriteManifest(new StaticPod("health").Spec(s => s.HostNetwork = true).GracePeriod(2)
            .Shell("app", "trap 'exit 0' TERM; sleep 3600 & wait")
            .With(c => c.ReadinessProbe = new Probe { Grpc = new GRPCAction { Port = server.Port, Service = "orders" }, PeriodSeconds = 1, FailureThreshold = 1 }));

        var ready = await node.WaitForAsync("health", "Ready while the server says SERVING", PodReady);
        ready.Status.PodIP.ShouldBe(nodeIp);
        service.ShouldBe("orders");

        status = ServingStatus.NotServing;
        await node.WaitForAsync("health", "not Ready once the server says NOT_SERVING", e => !PodReady(e));
        await node.WaitForLogAsync("Unhealthy: Readiness probe failed: service unhealthy (responded with \"NOT_SERVING\")", "upstream's words");
    }

    [Fact]
    public async Task GrpcLiveness_NothingListening_RestartedWithUpstreamsConnectTimeout()
    {
        node.WriteManifest(new StaticPod("nogrpc").GracePeriod(2)
            .Shell("app", "trap 'exit 0' TERM; sleep 3600 & wait")
            .With(c => c.LivenessProbe = new Probe { Grpc = new GRPCAction { Port = 9555 }, PeriodSeconds = 1, FailureThreshold = 1 }));

        var restarted = await node.WaitForAsync("nogrpc", "app restarted", e => Restarts(e, "app") >= 1);

        await node.WaitForLogAsync(
            $"Unhealthy: Liveness probe failed: timeout: failed to connect service \"{restarted.Status.PodIP}:9555\" within 1s: context deadline exceeded", "upstream's words");
    }
}
